using Crm.Core.Campaigns;

namespace Crm.Core.Delivery;

/// <summary>The unit of delivery work (D1): up to 1,000 recipients of one campaign.</summary>
public sealed record Batch(BatchRef Ref, IReadOnlyList<Recipient> Recipients)
{
    public const int Size = 1000;
}
