namespace Crm.Providers.Sandbox;

/// <summary>How the sandbox should misbehave, as real providers do.</summary>
public sealed record SandboxRules
{
    /// <summary>Numbers the carrier reports as not in service (3032), a few seconds after they were registered.</summary>
    public IReadOnlyCollection<string> InvalidNumbers { get; init; } = [];

    /// <summary>Numbers not reachable on KakaoTalk: AlimTalk/FriendTalk to them is reported failed (3107) after registration; other channels work.</summary>
    public IReadOnlyCollection<string> NotKakaoUsers { get; init; } = [];

    /// <summary>The next this-many provider calls fail as a whole with a transient fault (HTTP 503) before doing anything.</summary>
    public int TransientFailures { get; init; }

    /// <summary>The next this-many group sends are carried out and then their answer is lost (a timeout): the provider did it, the caller cannot know.</summary>
    public int LostAnswers { get; init; }

    /// <summary>Numbers whose report comes <see cref="LateReportDelay"/> after the usual delay.</summary>
    public IReadOnlyCollection<string> LateReports { get; init; } = [];

    public TimeSpan LateReportDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Numbers whose report is never called back: only reading the group shows it.</summary>
    public IReadOnlyCollection<string> UncalledReports { get; init; } = [];

    /// <summary>Every report callback is made twice, as providers that retry do.</summary>
    public bool DuplicateCallbacks { get; init; }

    /// <summary>No report callbacks at all: the workflow learns results only by reading the groups.</summary>
    public bool CallbacksOff { get; init; }
}
