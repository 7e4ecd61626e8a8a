namespace Crm.Core.Api;

/// <summary>A request body longer than its function's <see cref="BodyLimits"/>: a 413 problem naming the limit.</summary>
public sealed class BodyTooLargeException(long limit)
    : Exception(limit == 0 ? "This route takes no body." : $"The body is larger than the {limit:N0} bytes this route reads.")
{
    public long Limit { get; } = limit;
}
