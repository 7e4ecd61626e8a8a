namespace Crm.Core.Functions;

/// <summary>
/// Every function of the CRM, once. Crm.Functions' attributes use these names; Crm.Local binds from
/// this list and refuses to start when one has no binding; a test compares the functions.metadata
/// that the build of Crm.Functions writes with this list, both ways.
/// </summary>
public static class FunctionCatalog
{
    public const string SaveTenant = nameof(SaveTenant);
    public const string RegisterSenderNumber = nameof(RegisterSenderNumber);
    public const string UpsertCustomers = nameof(UpsertCustomers);
    public const string PutCustomer = nameof(PutCustomer);
    public const string GetCustomer = nameof(GetCustomer);
    public const string DeleteCustomer = nameof(DeleteCustomer);
    public const string SaveGroup = nameof(SaveGroup);
    public const string GetGroup = nameof(GetGroup);
    public const string PreviewGroup = nameof(PreviewGroup);
    public const string ExtractGroups = nameof(ExtractGroups);
    public const string NightlyReextract = nameof(NightlyReextract);
    public const string RecordOptOut = nameof(RecordOptOut);
    public const string OptOutLineCall = nameof(OptOutLineCall);
    public const string GrantPoints = nameof(GrantPoints);
    public const string DeductPoints = nameof(DeductPoints);
    public const string GetPoints = nameof(GetPoints);
    public const string ListPointsHistory = nameof(ListPointsHistory);
    public const string SavePointsPolicy = nameof(SavePointsPolicy);
    public const string GetPointsTerms = nameof(GetPointsTerms);
    public const string ExpirePoints = nameof(ExpirePoints);
    public const string NotifyExpiringPoints = nameof(NotifyExpiringPoints);
    public const string ExpireTenantPoints = nameof(ExpireTenantPoints);
    public const string NotifyTenantExpiringPoints = nameof(NotifyTenantExpiringPoints);
    public const string NotifyPointsChanges = nameof(NotifyPointsChanges);
    public const string SubmitCampaign = nameof(SubmitCampaign);
    public const string GetCampaign = nameof(GetCampaign);
    public const string ListCampaigns = nameof(ListCampaigns);
    public const string CancelCampaign = nameof(CancelCampaign);
    public const string ListCampaignRecipients = nameof(ListCampaignRecipients);
    public const string GetWallet = nameof(GetWallet);
    public const string ListLedger = nameof(ListLedger);
    public const string TopUpWallet = nameof(TopUpWallet);
    public const string SetAutoTopUp = nameof(SetAutoTopUp);
    public const string AdjustWallet = nameof(AdjustWallet);
    public const string DispatchCampaign = nameof(DispatchCampaign);
    public const string DispatchDueCampaigns = nameof(DispatchDueCampaigns);
    public const string StartDeliveryWorkflow = nameof(StartDeliveryWorkflow);
    public const string DeliveryWorkflow = nameof(DeliveryWorkflow);
    public const string SendBatch = nameof(SendBatch);
    public const string RefundBatch = nameof(RefundBatch);
    public const string SendFallback = nameof(SendFallback);
    public const string RecordBatchFailure = nameof(RecordBatchFailure);
    public const string CompleteBatch = nameof(CompleteBatch);
    public const string ReconcileBatches = nameof(ReconcileBatches);
    public const string PrepareSend = nameof(PrepareSend);
    public const string CollectReports = nameof(CollectReports);
    public const string ApplyLateReports = nameof(ApplyLateReports);
    public const string ReceiveDeliveryReports = nameof(ReceiveDeliveryReports);
    public const string ProcessDeliveryReports = nameof(ProcessDeliveryReports);
    public const string SaveFunnel = nameof(SaveFunnel);
    public const string GetFunnel = nameof(GetFunnel);
    public const string SaveCourse = nameof(SaveCourse);
    public const string SaveCohort = nameof(SaveCohort);
    public const string GetCohort = nameof(GetCohort);
    public const string UpsertCohortPeople = nameof(UpsertCohortPeople);
    public const string GetCohortPerson = nameof(GetCohortPerson);
    public const string ChangePersonStage = nameof(ChangePersonStage);
    public const string CreateCohortEvent = nameof(CreateCohortEvent);
    public const string PreviewCohortEvent = nameof(PreviewCohortEvent);
    public const string GetCohortEvent = nameof(GetCohortEvent);
    public const string UpdateCohortEvent = nameof(UpdateCohortEvent);
    public const string DispatchDueCohortEvents = nameof(DispatchDueCohortEvents);
    public const string ListCohortEvents = nameof(ListCohortEvents);
    public const string CloneCohortEvent = nameof(CloneCohortEvent);
    public const string DeleteCohortEvent = nameof(DeleteCohortEvent);
    public const string SwitchOffCohortEvents = nameof(SwitchOffCohortEvents);

    public static IReadOnlyList<FunctionDefinition> All { get; } =
    [
        new(SaveTenant, TriggerKind.Http, Method: "put", Route: "tenants/{tenantId}", AuthLevel: "admin"),
        new(RegisterSenderNumber, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/sender-numbers", AuthLevel: "admin"),
        new(UpsertCustomers, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/customers", AuthLevel: "function"),
        new(PutCustomer, TriggerKind.Http, Method: "put", Route: "tenants/{tenantId}/customers/{phone}", AuthLevel: "function"),
        new(GetCustomer, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/customers/{phone}", AuthLevel: "function"),
        new(DeleteCustomer, TriggerKind.Http, Method: "delete", Route: "tenants/{tenantId}/customers/{phone}", AuthLevel: "function"),
        new(SaveGroup, TriggerKind.Http, Method: "put", Route: "tenants/{tenantId}/groups/{groupId}", AuthLevel: "function"),
        new(GetGroup, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/groups/{groupId}", AuthLevel: "function"),
        new(PreviewGroup, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/groups/preview", AuthLevel: "function"),
        new(ExtractGroups, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/groups/extract", AuthLevel: "function"),
        new(NightlyReextract, TriggerKind.Timer, ScheduleSetting: SettingNames.NightlyReextractSchedule),
        new(RecordOptOut, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/opt-outs", AuthLevel: "function"),
        new(OptOutLineCall, TriggerKind.Http, Method: "post", Route: "opt-out-lines/{lineNumber}/calls", AuthLevel: "function"),
        new(GrantPoints, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/customers/{phone}/points/grants", AuthLevel: "function"),
        new(DeductPoints, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/customers/{phone}/points/deductions", AuthLevel: "function"),
        new(GetPoints, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/customers/{phone}/points", AuthLevel: "function"),
        new(ListPointsHistory, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/customers/{phone}/points/history", AuthLevel: "function"),
        new(SavePointsPolicy, TriggerKind.Http, Method: "put", Route: "tenants/{tenantId}/rewards/policy", AuthLevel: "function"),
        new(GetPointsTerms, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/rewards/policy/terms", AuthLevel: "function"),
        new(ExpirePoints, TriggerKind.Timer, ScheduleSetting: SettingNames.PointsExpirySchedule),
        new(NotifyExpiringPoints, TriggerKind.Timer, ScheduleSetting: SettingNames.PointsNoticeSchedule),
        new(ExpireTenantPoints, TriggerKind.Queue, Queue: QueueNames.PointsExpiry),
        new(NotifyTenantExpiringPoints, TriggerKind.Queue, Queue: QueueNames.PointsExpiryNotices),
        new(NotifyPointsChanges, TriggerKind.Timer, ScheduleSetting: SettingNames.PointsChangeNoticeSchedule),
        new(SubmitCampaign, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/campaigns", AuthLevel: "function"),
        new(GetCampaign, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/campaigns/{campaignId}", AuthLevel: "function"),
        new(ListCampaigns, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/campaigns", AuthLevel: "function"),
        new(CancelCampaign, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/campaigns/{campaignId}/cancel", AuthLevel: "function"),
        new(ListCampaignRecipients, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/campaigns/{campaignId}/recipients", AuthLevel: "function"),
        new(GetWallet, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/wallet", AuthLevel: "function"),
        new(ListLedger, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/wallet/ledger", AuthLevel: "function"),
        new(TopUpWallet, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/wallet/top-ups", AuthLevel: "function"),
        new(SetAutoTopUp, TriggerKind.Http, Method: "put", Route: "tenants/{tenantId}/wallet/auto-top-up", AuthLevel: "function"),
        new(AdjustWallet, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/wallet/adjustments", AuthLevel: "admin"),
        new(DispatchCampaign, TriggerKind.Queue, Queue: QueueNames.CampaignDispatch),
        new(DispatchDueCampaigns, TriggerKind.Timer, ScheduleSetting: SettingNames.DueCampaignsSchedule),
        new(StartDeliveryWorkflow, TriggerKind.Queue, Queue: QueueNames.DeliveryBatches),
        new(DeliveryWorkflow, TriggerKind.Orchestration),
        new(PrepareSend, TriggerKind.Activity),
        new(SendBatch, TriggerKind.Activity),
        new(CollectReports, TriggerKind.Activity),
        new(RefundBatch, TriggerKind.Activity),
        new(SendFallback, TriggerKind.Activity),
        new(RecordBatchFailure, TriggerKind.Activity),
        new(CompleteBatch, TriggerKind.Activity),
        new(ApplyLateReports, TriggerKind.Activity),
        new(ReconcileBatches, TriggerKind.Timer, ScheduleSetting: SettingNames.ReconcileBatchesSchedule),
        new(ReceiveDeliveryReports, TriggerKind.Http, Method: "post", Route: "delivery-reports/{secret}", AuthLevel: "anonymous"),
        new(ProcessDeliveryReports, TriggerKind.Queue, Queue: QueueNames.DeliveryReports),
        new(SaveFunnel, TriggerKind.Http, Method: "put", Route: "tenants/{tenantId}/funnel", AuthLevel: "function"),
        new(GetFunnel, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/funnel", AuthLevel: "function"),
        new(SaveCourse, TriggerKind.Http, Method: "put", Route: "tenants/{tenantId}/courses/{courseId}", AuthLevel: "function"),
        new(SaveCohort, TriggerKind.Http, Method: "put", Route: "tenants/{tenantId}/cohorts/{cohortId}", AuthLevel: "function"),
        new(GetCohort, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/cohorts/{cohortId}", AuthLevel: "function"),
        new(UpsertCohortPeople, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/cohorts/{cohortId}/people", AuthLevel: "function"),
        new(GetCohortPerson, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/cohorts/{cohortId}/people/{phone}", AuthLevel: "function"),
        new(ChangePersonStage, TriggerKind.Http, Method: "put", Route: "tenants/{tenantId}/cohorts/{cohortId}/people/{phone}/stage", AuthLevel: "function"),
        new(CreateCohortEvent, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/cohorts/{cohortId}/events", AuthLevel: "function"),
        new(PreviewCohortEvent, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/cohorts/{cohortId}/events/preview", AuthLevel: "function"),
        new(GetCohortEvent, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/cohorts/{cohortId}/events/{eventId}", AuthLevel: "function"),
        new(UpdateCohortEvent, TriggerKind.Http, Method: "put", Route: "tenants/{tenantId}/cohorts/{cohortId}/events/{eventId}", AuthLevel: "function"),
        new(DispatchDueCohortEvents, TriggerKind.Timer, ScheduleSetting: SettingNames.DueCampaignsSchedule),
        new(ListCohortEvents, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/cohorts/{cohortId}/events", AuthLevel: "function"),
        new(CloneCohortEvent, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/cohorts/{cohortId}/events/{eventId}/clone", AuthLevel: "function"),
        new(DeleteCohortEvent, TriggerKind.Http, Method: "delete", Route: "tenants/{tenantId}/cohorts/{cohortId}/events/{eventId}", AuthLevel: "function"),
        new(SwitchOffCohortEvents, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/cohorts/{cohortId}/events/all-off", AuthLevel: "function"),
    ];

    public static FunctionDefinition Get(string name) =>
        All.FirstOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"No function named {name} in the catalog.");
}
