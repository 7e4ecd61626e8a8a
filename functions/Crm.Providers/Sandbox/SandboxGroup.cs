namespace Crm.Providers.Sandbox;

/// <summary>
/// A sandbox message group: the label it was created with, whether it was sent (or discarded, never
/// to be sent), its messages; <see cref="Version"/> is the store's ETag.
/// </summary>
public sealed record SandboxGroup(string GroupId, string TenantId, string CampaignId, string Label, bool Sent, IReadOnlyList<SandboxMessage> Messages, string? Version = null, bool Discarded = false)
{
    /// <summary>
    /// Sandbox group ids carry their campaign (G.{campaign}.{random}; campaign ids are unique across
    /// tenants) so the store finds a group, and a campaign's groups, without an index.
    /// </summary>
    public static string NewId(string campaignId) => $"G.{campaignId}.{Guid.NewGuid():N}";

    public static string? CampaignOf(string groupId) =>
        groupId.Split('.') is ["G", { Length: > 0 and <= 64 } campaign, { Length: 32 }] && campaign.All(char.IsAsciiLetterOrDigit) ? campaign : null;
}
