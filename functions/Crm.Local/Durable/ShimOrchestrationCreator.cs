using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace Crm.Local.Durable;

/// <summary>A fresh SDK orchestrator, wrapped by the SDK's shim, for each orchestration the framework runs.</summary>
internal sealed class ShimOrchestrationCreator : ObjectCreator<TaskOrchestration>
{
    private readonly DurableTaskShimFactory _shims;
    private readonly Func<ITaskOrchestrator> _create;

    public ShimOrchestrationCreator(DurableTaskShimFactory shims, string name, Func<ITaskOrchestrator> create)
    {
        _shims = shims;
        _create = create;
        Name = name;
        Version = string.Empty;
    }

    public override TaskOrchestration Create() => _shims.CreateOrchestration(Name, _create());
}
