namespace Crm.Core.Functions;

/// <summary>
/// Every function of the CRM, once. Crm.Local binds from this list and refuses to start when one
/// has no binding; a test reads Crm.Functions' sources and compares them with it both ways.
/// </summary>
public static class FunctionCatalog
{
    public const string SubmitCampaign = nameof(SubmitCampaign);
    public const string GetCampaign = nameof(GetCampaign);
    public const string DispatchCampaign = nameof(DispatchCampaign);
    public const string DispatchDueCampaigns = nameof(DispatchDueCampaigns);
    public const string StartDeliveryWorkflow = nameof(StartDeliveryWorkflow);
    public const string DeliveryWorkflow = nameof(DeliveryWorkflow);
    public const string SendBatch = nameof(SendBatch);
    public const string RecordBatchFailure = nameof(RecordBatchFailure);
    public const string CompleteBatch = nameof(CompleteBatch);

    public static IReadOnlyList<FunctionDefinition> All { get; } =
    [
        new(SubmitCampaign, TriggerKind.Http, Method: "post", Route: "tenants/{tenantId}/campaigns"),
        new(GetCampaign, TriggerKind.Http, Method: "get", Route: "tenants/{tenantId}/campaigns/{campaignId}"),
        new(DispatchCampaign, TriggerKind.Queue, Queue: QueueNames.CampaignDispatch),
        new(DispatchDueCampaigns, TriggerKind.Timer, ScheduleSetting: SettingNames.DueCampaignsSchedule),
        new(StartDeliveryWorkflow, TriggerKind.Queue, Queue: QueueNames.DeliveryBatches),
        new(DeliveryWorkflow, TriggerKind.Orchestration),
        new(SendBatch, TriggerKind.Activity),
        new(RecordBatchFailure, TriggerKind.Activity),
        new(CompleteBatch, TriggerKind.Activity),
    ];

    public static FunctionDefinition Get(string name) =>
        All.FirstOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"No function named {name} in the catalog.");
}
