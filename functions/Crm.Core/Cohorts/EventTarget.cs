namespace Crm.Core.Cohorts;

/// <summary>
/// Who an event is for, by live funnel stage (B2): the chosen contexts, narrowed to chosen stages.
/// A context with none of its stages listed targets all of them; a listed stage must belong to a
/// chosen context (removing a context removes its stages).
/// </summary>
public sealed record EventTarget(IReadOnlyList<FunnelContext> Contexts, IReadOnlyList<string> Stages)
{
    /// <summary>The stage ids targeted under the funnel as it is now.</summary>
    public IReadOnlySet<string> StageIds(Funnel funnel)
    {
        var listed = Stages.ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var context in Contexts)
        {
            var ofContext = funnel.StagesOf(context).ToList();
            var narrowed = ofContext.Where(s => listed.Contains(s.Id)).ToList();
            ids.UnionWith((narrowed.Count > 0 ? narrowed : ofContext).Select(s => s.Id));
        }

        return ids;
    }
}
