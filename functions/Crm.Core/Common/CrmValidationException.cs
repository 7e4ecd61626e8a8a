namespace Crm.Core.Common;

/// <summary>Input a user can fix: becomes a 400 problem-details response naming each field.</summary>
public sealed class CrmValidationException : Exception
{
    public CrmValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
    {
        Errors = errors;
    }

    public CrmValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
