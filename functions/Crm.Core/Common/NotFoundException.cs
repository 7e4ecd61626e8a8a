namespace Crm.Core.Common;

/// <summary>A tenant, campaign or other resource the caller named does not exist: becomes a 404.</summary>
public sealed class NotFoundException(string resource, string id)
    : Exception($"{resource} '{id}' was not found.")
{
    public string Resource { get; } = resource;

    public string Id { get; } = id;
}
