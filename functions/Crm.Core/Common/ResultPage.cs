namespace Crm.Core.Common;

/// <summary>One page of a listing; pass <see cref="ContinuationToken"/> back for the next, null when there is none.</summary>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, string? ContinuationToken);
