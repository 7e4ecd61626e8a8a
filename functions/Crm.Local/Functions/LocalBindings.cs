using System.Text.Json;
using Crm.Core.Api;
using Crm.Core.Audiences;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Local.Workflows;

namespace Crm.Local.Functions;

/// <summary>
/// Crm.Local's implementation of every function in <see cref="FunctionCatalog"/>: the same one
/// call into Core that each Crm.Functions class makes. <see cref="EnsureComplete"/> refuses to
/// start when the catalog names a function bound nowhere here.
/// </summary>
public sealed class LocalBindings
{
    public LocalBindings(IServiceProvider services)
    {
        var campaigns = services.GetRequiredService<CampaignApi>();
        var tenants = services.GetRequiredService<TenantApi>();
        var wallets = services.GetRequiredService<WalletApi>();
        var customers = services.GetRequiredService<CustomerApi>();
        var groups = services.GetRequiredService<GroupApi>();
        var optOuts = services.GetRequiredService<OptOutApi>();
        var points = services.GetRequiredService<PointsApi>();
        var pointsPolicy = services.GetRequiredService<PointsPolicyApi>();
        var expiry = services.GetRequiredService<Crm.Core.Rewards.PointsExpiryRunner>();
        var expiryNotices = services.GetRequiredService<Crm.Core.Rewards.PointsExpiryNotifier>();
        var changeNotices = services.GetRequiredService<Crm.Core.Rewards.PointsChangeNotifier>();
        var nightly = services.GetRequiredService<NightlyReextraction>();
        var dispatcher = services.GetRequiredService<CampaignDispatcher>();
        var sweep = services.GetRequiredService<DueCampaignSweep>();
        var delivery = services.GetRequiredService<DeliveryActivities>();
        Workflows = services.GetRequiredService<WorkflowRegistry>();
        var runner = services.GetRequiredService<WorkflowRunner>();

        Http[FunctionCatalog.SaveTenant] = tenants.SaveAsync;
        Http[FunctionCatalog.RegisterSenderNumber] = tenants.RegisterSenderNumberAsync;
        Http[FunctionCatalog.UpsertCustomers] = customers.UpsertManyAsync;
        Http[FunctionCatalog.PutCustomer] = customers.PutAsync;
        Http[FunctionCatalog.GetCustomer] = customers.GetAsync;
        Http[FunctionCatalog.DeleteCustomer] = customers.DeleteAsync;
        Http[FunctionCatalog.SaveGroup] = groups.SaveAsync;
        Http[FunctionCatalog.GetGroup] = groups.GetAsync;
        Http[FunctionCatalog.PreviewGroup] = groups.PreviewAsync;
        Http[FunctionCatalog.ExtractGroups] = groups.ExtractAsync;
        Http[FunctionCatalog.RecordOptOut] = optOuts.RecordAsync;
        Http[FunctionCatalog.OptOutLineCall] = optOuts.LineCallAsync;
        Http[FunctionCatalog.GrantPoints] = points.GrantAsync;
        Http[FunctionCatalog.DeductPoints] = points.DeductAsync;
        Http[FunctionCatalog.GetPoints] = points.BalanceAsync;
        Http[FunctionCatalog.ListPointsHistory] = points.HistoryAsync;
        Http[FunctionCatalog.SavePointsPolicy] = pointsPolicy.SaveAsync;
        Http[FunctionCatalog.GetPointsTerms] = pointsPolicy.TermsAsync;
        Http[FunctionCatalog.SubmitCampaign] = campaigns.SubmitAsync;
        Http[FunctionCatalog.GetCampaign] = campaigns.GetAsync;
        Http[FunctionCatalog.ListCampaigns] = campaigns.ListAsync;
        Http[FunctionCatalog.CancelCampaign] = campaigns.CancelAsync;
        Http[FunctionCatalog.ListCampaignRecipients] = campaigns.HistoryAsync;
        Http[FunctionCatalog.GetWallet] = wallets.GetAsync;
        Http[FunctionCatalog.ListLedger] = wallets.LedgerAsync;
        Http[FunctionCatalog.TopUpWallet] = wallets.TopUpAsync;
        Http[FunctionCatalog.SetAutoTopUp] = wallets.SetAutoTopUpAsync;
        Http[FunctionCatalog.AdjustWallet] = wallets.AdjustAsync;

        Queue[FunctionCatalog.DispatchCampaign] = (text, ct) => dispatcher.DispatchAsync(Read<DispatchRequest>(text), ct);
        Queue[FunctionCatalog.StartDeliveryWorkflow] = async (text, ct) =>
        {
            var batch = Read<BatchRef>(text);
            await runner.RunAsync(FunctionCatalog.DeliveryWorkflow, batch.BatchId, text, ct);
        };
        Queue[FunctionCatalog.ExpireTenantPoints] = (text, ct) => expiry.RunTenantAsync(Read<Crm.Core.Rewards.PointsTenantJob>(text).TenantId, ct);
        Queue[FunctionCatalog.NotifyTenantExpiringPoints] = (text, ct) => expiryNotices.NotifyTenantAsync(Read<Crm.Core.Rewards.PointsTenantJob>(text).TenantId, ct);

        Timer[FunctionCatalog.DispatchDueCampaigns] = sweep.RunAsync;
        Timer[FunctionCatalog.NightlyReextract] = nightly.RunAsync;
        Timer[FunctionCatalog.ExpirePoints] = expiry.EnqueueDueAsync;
        Timer[FunctionCatalog.NotifyExpiringPoints] = expiryNotices.EnqueueDueAsync;
        Timer[FunctionCatalog.NotifyPointsChanges] = changeNotices.RunAsync;

        Workflows.Orchestrators[FunctionCatalog.DeliveryWorkflow] = async (context, input) =>
            Write(await DeliveryWorkflow.RunAsync(context, Read<BatchRef>(input)));
        Workflows.Activities[FunctionCatalog.SendBatch] = async (input, ct) => Write(await delivery.SendBatchAsync(Read<BatchRef>(input), ct));
        Workflows.Activities[FunctionCatalog.RefundBatch] = async (input, ct) => Write(await delivery.RefundBatchAsync(Read<RefundRequest>(input), ct));
        Workflows.Activities[FunctionCatalog.SendFallback] = async (input, ct) => Write(await delivery.SendFallbackAsync(Read<BatchRef>(input), ct));
        Workflows.Activities[FunctionCatalog.RecordBatchFailure] = async (input, ct) => Write(await delivery.RecordBatchFailureAsync(Read<BatchFailure>(input), ct));
        Workflows.Activities[FunctionCatalog.CompleteBatch] = async (input, ct) => Write(await delivery.CompleteBatchAsync(Read<BatchCompletion>(input), ct));
    }

    public Dictionary<string, Func<ApiRequest, CancellationToken, Task<ApiResponse>>> Http { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Func<string, CancellationToken, Task>> Queue { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Func<CancellationToken, Task>> Timer { get; } = new(StringComparer.Ordinal);

    public WorkflowRegistry Workflows { get; }

    /// <summary>The catalog functions with no local binding of their trigger kind; empty when complete.</summary>
    public IReadOnlyList<string> Missing() => FunctionCatalog.All.Where(f => !IsBound(f)).Select(f => $"{f.Name} ({f.Trigger})").ToList();

    public void EnsureComplete()
    {
        var missing = Missing();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Crm.Local has no binding for: {string.Join(", ", missing)}.");
        }
    }

    private bool IsBound(FunctionDefinition f) => f.Trigger switch
    {
        TriggerKind.Http => Http.ContainsKey(f.Name),
        TriggerKind.Queue => Queue.ContainsKey(f.Name),
        TriggerKind.Timer => Timer.ContainsKey(f.Name),
        TriggerKind.Orchestration => Workflows.Orchestrators.ContainsKey(f.Name),
        TriggerKind.Activity => Workflows.Activities.ContainsKey(f.Name),
        _ => false,
    };

    private static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, CrmJson.Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, got null.");

    private static string Write<T>(T value) => JsonSerializer.Serialize(value, CrmJson.Options);
}
