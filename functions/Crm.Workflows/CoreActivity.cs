using Microsoft.DurableTask;

namespace Crm.Workflows;

/// <summary>An activity that is one call into Core, exactly as each Crm.Functions activity function is.</summary>
internal sealed class CoreActivity<TInput, TOutput>(Func<TInput, CancellationToken, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
{
    // Durable activities get no cancellation: a host that stops lets them finish or abandons them.
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(input, CancellationToken.None);
}
