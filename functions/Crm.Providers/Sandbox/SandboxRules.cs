namespace Crm.Providers.Sandbox;

/// <summary>How the sandbox should misbehave: numbers it refuses, and whole calls it fails transiently.</summary>
public sealed record SandboxRules
{
    /// <summary>Numbers refused as invalid (code INVALID_NUMBER).</summary>
    public IReadOnlyCollection<string> InvalidNumbers { get; init; } = [];

    /// <summary>Numbers not reachable on KakaoTalk: AlimTalk/FriendTalk to them fail (code 3107), other channels work.</summary>
    public IReadOnlyCollection<string> NotKakaoUsers { get; init; } = [];

    /// <summary>The next this-many send calls fail as a whole with a transient fault, then calls succeed again.</summary>
    public int TransientFailures { get; init; }
}
