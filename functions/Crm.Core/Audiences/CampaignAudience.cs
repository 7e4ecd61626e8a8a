using System.Globalization;
using System.Runtime.CompilerServices;
using Crm.Core.Audiences.Conditions;
using Crm.Core.Campaigns;
using Crm.Core.Tenants;

namespace Crm.Core.Audiences;

/// <summary>
/// Who a campaign goes to, read at dispatch: its explicit list, or its group evaluated right now
/// over the live customers (G3: never the nightly copy). Advertising to a group reaches only
/// customers with marketing consent (C3/G4); night consent comes from the customer (C4).
/// </summary>
public sealed class CampaignAudience(ICampaignStore campaigns, IGroupStore groups, LiveCustomers customers)
{
    /// <summary>The customer fields a group campaign's content may use as #{variables}.</summary>
    public static IReadOnlyList<string> GroupVariables { get; } = ["name", "grade", "rewardPoints"];

    public async IAsyncEnumerable<Recipient> ReadAsync(Campaign campaign, Tenant tenant, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (campaign.GroupId is null)
        {
            await foreach (var chunk in campaigns.ReadRecipientsAsync(campaign.TenantId, campaign.CampaignId, cancellationToken))
            {
                foreach (var recipient in chunk)
                {
                    yield return recipient;
                }
            }

            yield break;
        }

        var group = await groups.GetAsync(campaign.TenantId, campaign.GroupId, cancellationToken)
            ?? throw new GroupUnusableException(campaign.GroupId, "It no longer exists.");
        var condition = Parse(group);
        var context = new EvaluationContext(now, TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone));
        var advertising = campaign.Kind == CampaignKind.Advertising;
        var withPoints = condition.Uses(CustomerFields.RewardPoints) || MessageTemplate.Placeholders(campaign.Content).Contains(CustomerFields.RewardPoints);
        await foreach (var customer in customers.ScanAsync(campaign.TenantId, withPoints, cancellationToken))
        {
            if (Matches(group, condition, customer, context) && (!advertising || customer.MarketingConsent))
            {
                var variables = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["name"] = customer.Name ?? string.Empty,
                    ["grade"] = customer.Grade ?? string.Empty,
                    ["rewardPoints"] = customer.RewardPoints.ToString("N0", CultureInfo.InvariantCulture),
                };
                yield return new Recipient(customer.Phone, variables, customer.NightAdConsent);
            }
        }
    }

    private static Condition Parse(Group group)
    {
        try
        {
            return Condition.Parse(group.Condition);
        }
        catch (ConditionParseException ex)
        {
            throw new GroupUnusableException(group.GroupId, $"Its condition no longer parses: {ex.Message}", ex);
        }
    }

    private static bool Matches(Group group, Condition condition, Customer customer, EvaluationContext context)
    {
        try
        {
            return condition.Matches(customer, context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new GroupUnusableException(group.GroupId, $"Its condition could not be evaluated: {ex.Message}", ex);
        }
    }
}
