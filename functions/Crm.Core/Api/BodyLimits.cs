using Crm.Core.Functions;

namespace Crm.Core.Api;

/// <summary>
/// The most bytes each HTTP function reads from a request body; a larger body is a 413 problem
/// naming the limit, found while reading (<see cref="LimitedBodyStream"/>), so nothing past the
/// limit is ever held in memory. Both hosts apply these
/// through <see cref="ApiPipeline"/>; the largest stays under the Functions host's own 100 MB.
/// </summary>
public static class BodyLimits
{
    /// <summary>One small object: a tenant's settings, a customer, a points change, a top-up, an opt-out.</summary>
    public const long Object = 64 * 1024;

    /// <summary>A group and its condition (the condition's own length limit answers first).</summary>
    public const long Group = 256 * 1024;

    /// <summary>A campaign: up to 100,000 recipients with their variables, about 330 bytes each.</summary>
    public const long Campaign = 32 * 1024 * 1024;

    /// <summary>A bulk upsert: up to 100,000 customers, about 670 bytes each with custom fields.</summary>
    public const long Customers = 64 * 1024 * 1024;

    /// <summary>A provider's report call: a group's reports are at most a few thousand messages.</summary>
    public const long DeliveryReports = 4 * 1024 * 1024;

    private static readonly Dictionary<string, long> ByFunction = new(StringComparer.Ordinal)
    {
        [FunctionCatalog.SaveTenant] = Object,
        [FunctionCatalog.RegisterSenderNumber] = Object,
        [FunctionCatalog.UpsertCustomers] = Customers,
        [FunctionCatalog.PutCustomer] = Object,
        [FunctionCatalog.SaveGroup] = Group,
        [FunctionCatalog.PreviewGroup] = Group,
        [FunctionCatalog.RecordOptOut] = Object,
        [FunctionCatalog.OptOutLineCall] = Object,
        [FunctionCatalog.GrantPoints] = Object,
        [FunctionCatalog.DeductPoints] = Object,
        [FunctionCatalog.SavePointsPolicy] = Object,
        [FunctionCatalog.SubmitCampaign] = Campaign,
        [FunctionCatalog.TopUpWallet] = Object,
        [FunctionCatalog.SetAutoTopUp] = Object,
        [FunctionCatalog.AdjustWallet] = Object,
        [FunctionCatalog.ReceiveDeliveryReports] = DeliveryReports,
        [FunctionCatalog.UpsertCohortPeople] = Customers,
        [FunctionCatalog.CreateCohortEvent] = Group,
        [FunctionCatalog.UpdateCohortEvent] = Group,
        [FunctionCatalog.PreviewCohortEvent] = Group,
    };

    /// <summary>
    /// The limit of <paramref name="function"/>: its own, else <see cref="Object"/> for a POST or PUT (a
    /// client may send "{}" to a command that needs no body), else 0: a GET or DELETE reads none.
    /// </summary>
    public static long For(string function) =>
        ByFunction.TryGetValue(function, out var limit) ? limit : FunctionCatalog.Get(function).Method is "post" or "put" ? Object : 0;
}
