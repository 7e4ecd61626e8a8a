using Crm.Core.Delivery;

namespace Crm.Providers.Sandbox;

/// <summary>A message the sandbox took, as a real provider would have delivered it, with the outcome it gave.</summary>
public sealed record SandboxMessage(
    long Sequence,
    string TenantId,
    string CampaignId,
    string Reference,
    Channel Channel,
    string From,
    string To,
    string? Subject,
    string Text,
    bool Accepted,
    string ProviderMessageId,
    string? FailureCode,
    DateTimeOffset At);
