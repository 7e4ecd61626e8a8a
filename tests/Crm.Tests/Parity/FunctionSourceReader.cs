using System.Text.RegularExpressions;
using Crm.Core.Functions;

namespace Crm.Tests.Parity;

/// <summary>
/// Reads Crm.Functions' C# sources (which cannot be compiled here) and recovers each function's
/// definition from its attributes: [Function("X")] and the trigger attribute that follows it.
/// </summary>
public static partial class FunctionSourceReader
{
    public static IReadOnlyList<FunctionDefinition> Read(string source)
    {
        var list = new List<FunctionDefinition>();
        var starts = FunctionAttribute().Matches(source);
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1].Index : source.Length;
            var body = source[starts[i].Index..end];
            list.Add(Parse(starts[i].Groups["name"].Value, body));
        }

        return list;
    }

    public static IReadOnlyList<FunctionDefinition> ReadDirectory(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Read(File.ReadAllText(f)))
            .ToList();

    private static FunctionDefinition Parse(string name, string body)
    {
        if (HttpTrigger().Match(body) is { Success: true } http)
        {
            return new FunctionDefinition(name, TriggerKind.Http, Method: http.Groups["method"].Value, Route: http.Groups["route"].Value);
        }

        if (QueueTrigger().Match(body) is { Success: true } queue)
        {
            return new FunctionDefinition(name, TriggerKind.Queue, Queue: queue.Groups["queue"].Value);
        }

        if (TimerTrigger().Match(body) is { Success: true } timer)
        {
            return new FunctionDefinition(name, TriggerKind.Timer, ScheduleSetting: timer.Groups["setting"].Value);
        }

        if (body.Contains("[OrchestrationTrigger]", StringComparison.Ordinal))
        {
            return new FunctionDefinition(name, TriggerKind.Orchestration);
        }

        if (body.Contains("[ActivityTrigger]", StringComparison.Ordinal))
        {
            return new FunctionDefinition(name, TriggerKind.Activity);
        }

        throw new InvalidOperationException($"Function {name} has no trigger attribute this reader knows.");
    }

    [GeneratedRegex("""\[Function\("(?<name>[A-Za-z0-9_]+)"\)\]""")]
    private static partial Regex FunctionAttribute();

    [GeneratedRegex("""\[HttpTrigger\(AuthorizationLevel\.\w+,\s*"(?<method>\w+)",\s*Route\s*=\s*"(?<route>[^"]+)"\)\]""")]
    private static partial Regex HttpTrigger();

    [GeneratedRegex("""\[QueueTrigger\("(?<queue>[a-z0-9-]+)",\s*Connection\s*=\s*"Storage"\)\]""")]
    private static partial Regex QueueTrigger();

    [GeneratedRegex("""\[TimerTrigger\("%(?<setting>\w+)%"\)\]""")]
    private static partial Regex TimerTrigger();
}
