using Crm.Core.Api;
using Crm.Core.Audiences;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Workflows;

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
        var workflows = services.GetRequiredService<IBatchWorkflows>();
        var reconciler = services.GetRequiredService<BatchReconciler>();
        var reports = services.GetRequiredService<DeliveryReportApi>();
        var reportProcessor = services.GetRequiredService<DeliveryReportProcessor>();
        var cohorts = services.GetRequiredService<CohortApi>();
        var cohortEvents = services.GetRequiredService<CohortEventApi>();
        var cohortEventSweep = services.GetRequiredService<Crm.Core.Cohorts.CohortEventSweep>();

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
        Http[FunctionCatalog.ReceiveDeliveryReports] = reports.ReceiveAsync;
        Http[FunctionCatalog.SaveFunnel] = cohorts.SaveFunnelAsync;
        Http[FunctionCatalog.GetFunnel] = cohorts.GetFunnelAsync;
        Http[FunctionCatalog.SaveCourse] = cohorts.SaveCourseAsync;
        Http[FunctionCatalog.SaveCohort] = cohorts.SaveCohortAsync;
        Http[FunctionCatalog.GetCohort] = cohorts.GetCohortAsync;
        Http[FunctionCatalog.UpsertCohortPeople] = cohorts.UpsertPeopleAsync;
        Http[FunctionCatalog.GetCohortPerson] = cohorts.GetPersonAsync;
        Http[FunctionCatalog.ChangePersonStage] = cohorts.ChangeStageAsync;
        Http[FunctionCatalog.CreateCohortEvent] = cohortEvents.CreateAsync;
        Http[FunctionCatalog.PreviewCohortEvent] = cohortEvents.PreviewAsync;
        Http[FunctionCatalog.GetCohortEvent] = cohortEvents.GetAsync;
        Http[FunctionCatalog.UpdateCohortEvent] = cohortEvents.UpdateAsync;
        Http[FunctionCatalog.ListCohortEvents] = cohortEvents.ListAsync;
        Http[FunctionCatalog.CloneCohortEvent] = cohortEvents.CloneAsync;
        Http[FunctionCatalog.DeleteCohortEvent] = cohortEvents.DeleteAsync;
        Http[FunctionCatalog.SwitchOffCohortEvents] = cohortEvents.AllOffAsync;

        Queue[FunctionCatalog.DispatchCampaign] = (text, ct) => dispatcher.DispatchAsync(CrmJson.Read<DispatchRequest>(text), ct);
        Queue[FunctionCatalog.StartDeliveryWorkflow] = (text, ct) => workflows.StartAsync(CrmJson.Read<BatchRef>(text), ct);
        Queue[FunctionCatalog.ProcessDeliveryReports] = (text, ct) => reportProcessor.ProcessAsync(CrmJson.Read<DeliveryReportSignal>(text), workflows, ct);
        Queue[FunctionCatalog.ExpireTenantPoints] = (text, ct) => expiry.RunTenantAsync(CrmJson.Read<Crm.Core.Rewards.PointsTenantJob>(text).TenantId, ct);
        Queue[FunctionCatalog.NotifyTenantExpiringPoints] = (text, ct) => expiryNotices.NotifyTenantAsync(CrmJson.Read<Crm.Core.Rewards.PointsTenantJob>(text).TenantId, ct);

        Timer[FunctionCatalog.DispatchDueCampaigns] = sweep.RunAsync;
        Timer[FunctionCatalog.NightlyReextract] = nightly.RunAsync;
        Timer[FunctionCatalog.ExpirePoints] = expiry.EnqueueDueAsync;
        Timer[FunctionCatalog.NotifyExpiringPoints] = expiryNotices.EnqueueDueAsync;
        Timer[FunctionCatalog.NotifyPointsChanges] = changeNotices.RunAsync;
        Timer[FunctionCatalog.ReconcileBatches] = ct => reconciler.RunAsync(workflows, ct);
        Timer[FunctionCatalog.DispatchDueCohortEvents] = cohortEventSweep.RunAsync;

        // The Durable Task Framework dispatches these (Crm.Local/Durable/DurableEngine).
        Orchestrations = DeliveryTasks.Orchestrators.Keys.ToHashSet(StringComparer.Ordinal);
        Activities = DeliveryTasks.Activities(delivery).Keys.ToHashSet(StringComparer.Ordinal);
    }

    public Dictionary<string, Func<ApiRequest, CancellationToken, Task<ApiResponse>>> Http { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Func<string, CancellationToken, Task>> Queue { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Func<CancellationToken, Task>> Timer { get; } = new(StringComparer.Ordinal);

    public IReadOnlySet<string> Orchestrations { get; }

    public IReadOnlySet<string> Activities { get; }

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
        TriggerKind.Orchestration => Orchestrations.Contains(f.Name),
        TriggerKind.Activity => Activities.Contains(f.Name),
        _ => false,
    };
}
