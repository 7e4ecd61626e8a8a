namespace Crm.Core.Audiences;

/// <summary>
/// A saved customer group (G1): a named condition, and what its last extraction found. While an
/// extraction runs, <see cref="ExtractionStartedAt"/> is later than <see cref="LastExtractedAt"/>.
/// </summary>
public sealed record Group
{
    public required string TenantId { get; init; }

    public required string GroupId { get; init; }

    public required string Name { get; init; }

    public required string Condition { get; init; }

    public DateTimeOffset? ExtractionStartedAt { get; init; }

    public DateTimeOffset? LastExtractedAt { get; init; }

    public int MemberCount { get; init; }

    /// <summary>How many member chunks the last extraction wrote.</summary>
    public int MemberChunks { get; init; }

    /// <summary>
    /// Which extraction's stored members are current: each extraction writes a member set of its own,
    /// with an id that sorts by the extraction's start (null: members stored before sets had ids).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? MemberSet { get; init; }

    public string? LastError { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public string? Version { get; init; }

    public bool IsExtracting => ExtractionStartedAt is { } started && (LastExtractedAt is null || started > LastExtractedAt);
}
