using Crm.Core.Delivery;

namespace Crm.Providers.Sandbox;

/// <summary>
/// A message the sandbox took, as a real provider would have delivered it: registered (2000) when its
/// group was sent, then reported with <see cref="FinalCode"/> (4000, or the failure the rules gave
/// it) from <see cref="ReportAt"/> on; <see cref="StatusCode"/> is where it stands when it was read.
/// </summary>
public sealed record SandboxMessage(
    string TenantId,
    string CampaignId,
    string GroupId,
    string Reference,
    Channel Channel,
    string From,
    string To,
    string? Subject,
    string Text,
    string ProviderMessageId,
    string FinalCode,
    DateTimeOffset SentAt,
    DateTimeOffset ReportAt,
    string StatusCode = "2000")
{
    /// <summary>The status at <paramref name="now"/>: registered until the report is due, then the final code.</summary>
    public SandboxMessage At(DateTimeOffset now) => this with { StatusCode = now >= ReportAt ? FinalCode : "2000" };
}
