namespace Masthead.Demo;

/// <summary>The demo newsroom. Off unless asked for, except in Development where a fresh clone should
/// show a living site on first run.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed demo content at start. Unset means "only in Development". The demo accounts
    /// follow a stricter rule: Development only, whatever this says.</summary>
    public bool? Enabled { get; set; }

    public bool IsEnabledIn(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();
}
