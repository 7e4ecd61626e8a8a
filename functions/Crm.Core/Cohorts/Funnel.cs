namespace Crm.Core.Cohorts;

/// <summary>
/// A tenant's funnel (B2): its stages in order, each in one context. People carry a stage id;
/// events target stages, directly or through their contexts.
/// </summary>
public sealed record Funnel(IReadOnlyList<FunnelStage> Stages)
{
    public const int MaxStages = 200;

    public FunnelStage? Find(string stageId) => Stages.FirstOrDefault(s => s.Id == stageId);

    public IEnumerable<FunnelStage> StagesOf(FunnelContext context) => Stages.Where(s => s.Context == context);
}
