namespace Crm.Core.Rewards;

/// <summary>A grant listed under its expiry time, so a run finds what expires without reading every customer.</summary>
public sealed record ExpiryIndexEntry(string Phone, string GrantId, DateTimeOffset ExpiresAt, long Amount);
