using Crm.Core.Workflows;
using Crm.Local.Workflows;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crm.Tests.Local;

public sealed class WorkflowRunnerTests(AzuriteFixture azurite)
{
    private static readonly ActivityRetryPolicy Once = new(1, TimeSpan.Zero);

    /// <summary>A three-step workflow whose activities count their calls; "C" can hang until cancelled, like a killed process.</summary>
    private sealed class ThreeSteps
    {
        public Dictionary<string, int> Calls { get; } = new() { ["A"] = 0, ["B"] = 0, ["C"] = 0 };

        public bool HangInC { get; set; }

        public WorkflowRegistry Registry()
        {
            var registry = new WorkflowRegistry();
            registry.Orchestrators["Three"] = async (ctx, input) =>
            {
                var a = await ctx.CallActivityAsync<int>("A", int.Parse(input), Once);
                var b = await ctx.CallActivityAsync<int>("B", a, Once);
                var c = await ctx.CallActivityAsync<int>("C", b, Once);
                return c.ToString();
            };
            registry.Activities["A"] = (input, _) => { Calls["A"]++; return Task.FromResult((int.Parse(input) + 1).ToString()); };
            registry.Activities["B"] = (input, _) => { Calls["B"]++; return Task.FromResult((int.Parse(input) * 10).ToString()); };
            registry.Activities["C"] = async (input, ct) =>
            {
                Calls["C"]++;
                if (HangInC)
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }

                return (int.Parse(input) + 5).ToString();
            };
            return registry;
        }
    }

    private WorkflowRunner Runner(ThreeSteps steps) =>
        new(steps.Registry(), new WorkflowHistoryStore(azurite.NewClients()), TimeProvider.System, NullLogger<WorkflowRunner>.Instance);

    [Fact]
    public async Task A_workflow_interrupted_after_its_second_activity_resumes_without_calling_the_first_two_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = $"wf-{Guid.NewGuid():N}";

        // First process: A and B finish, then the process dies inside C.
        var first = new ThreeSteps { HangInC = true };
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = Runner(first).RunAsync("Three", id, "1", kill.Token);
        while (first.Calls["C"] == 0)
        {
            await Task.Delay(20, ct);
        }

        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        // Second process: the same instance id replays A and B from history and runs only C.
        var second = new ThreeSteps();
        var instance = await Runner(second).RunAsync("Three", id, "1", ct);

        Assert.Equal(WorkflowStatus.Completed, instance.Status);
        Assert.Equal("25", instance.Output);
        Assert.Equal(new Dictionary<string, int> { ["A"] = 0, ["B"] = 0, ["C"] = 1 }, second.Calls);
    }

    [Fact]
    public async Task A_finished_instance_started_again_runs_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = $"wf-{Guid.NewGuid():N}";
        var steps = new ThreeSteps();
        await Runner(steps).RunAsync("Three", id, "1", ct);

        var again = await Runner(steps).RunAsync("Three", id, "1", ct);

        Assert.Equal("25", again.Output);
        Assert.Equal(new Dictionary<string, int> { ["A"] = 1, ["B"] = 1, ["C"] = 1 }, steps.Calls);
    }

    [Fact]
    public async Task A_failing_activity_is_retried_by_its_policy_and_its_failure_is_replayed_not_rerun()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = $"wf-{Guid.NewGuid():N}";
        var attempts = 0;
        var registry = new WorkflowRegistry();
        registry.Orchestrators["Flaky"] = async (ctx, _) =>
        {
            try
            {
                return await ctx.CallActivityAsync<string>("Flaky", null, new ActivityRetryPolicy(3, TimeSpan.FromMilliseconds(10)));
            }
            catch (ActivityFailedException ex)
            {
                return $"gave up: {ex.Reason}";
            }
        };
        registry.Activities["Flaky"] = (_, _) => { attempts++; throw new TimeoutException("provider timed out"); };
        var store = new WorkflowHistoryStore(azurite.NewClients());

        var instance = await new WorkflowRunner(registry, store, TimeProvider.System, NullLogger<WorkflowRunner>.Instance).RunAsync("Flaky", id, "null", ct);

        Assert.Equal("gave up: provider timed out", instance.Output);
        Assert.Equal(3, attempts);
        var history = await store.LoadStepsAsync(id, ct);
        Assert.Equal("provider timed out", Assert.Single(history).Value.Error);
    }

    [Fact]
    public async Task Instances_left_running_by_a_dead_process_are_resumed_at_start()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = $"wf-{Guid.NewGuid():N}";
        var first = new ThreeSteps { HangInC = true };
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = Runner(first).RunAsync("Three", id, "2", kill.Token);
        while (first.Calls["C"] == 0)
        {
            await Task.Delay(20, ct);
        }

        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var second = new ThreeSteps();
        var store = new WorkflowHistoryStore(azurite.NewClients());
        var resumed = await new WorkflowRunner(second.Registry(), store, TimeProvider.System, NullLogger<WorkflowRunner>.Instance).ResumeAllAsync(ct);
        Assert.True(resumed >= 1);

        WorkflowInstance? instance;
        do
        {
            await Task.Delay(20, ct);
            instance = await store.GetAsync(id, ct);
        }
        while (instance!.Status == WorkflowStatus.Running);

        Assert.Equal("35", instance.Output);
        Assert.Equal(0, second.Calls["A"] + second.Calls["B"]);
    }
}
