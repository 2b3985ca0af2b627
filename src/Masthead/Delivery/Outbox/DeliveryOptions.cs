using System.ComponentModel.DataAnnotations;

namespace Masthead.Delivery.Outbox;

/// <summary>How the outbox workers claim, send and retry. Durations are TimeSpans ("00:00:05").</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Runs the delivery worker inside the web process.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Rows claimed per batch. Accepted rows are recorded as they are accepted, so the batch size does not
    /// bound what a crash repeats (Concurrency does: at most one message per connection).</summary>
    [Range(1, 5000)] public int BatchSize { get; set; } = 200;
    /// <summary>SMTP connections kept open and used in parallel.</summary>
    [Range(1, 64)] public int Concurrency { get; set; } = 4;
    /// <summary>Global send rate; 0 means unlimited.</summary>
    [Range(0, 1_000_000)] public double MessagesPerSecond { get; set; }
    /// <summary>Messages in flight at once to one recipient domain; 0 means no limit beyond Concurrency.</summary>
    [Range(0, 64)] public int PerDomainConcurrency { get; set; }
    /// <summary>How long a claim holds without renewal: the rows of a worker that died are claimed again after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>How often a running batch renews its lease (the heartbeat); at most half of <see cref="LeaseDuration"/>,
    /// so one late beat does not lose the lease.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Attempts before a deferred row is given up as Failed.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 8;
    /// <summary>First retry delay; doubles per attempt (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(4);
    /// <summary>Idle polling interval when nobody signals new work.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>On shutdown, how long the batch in flight may take before its unsent rows are released.</summary>
    public TimeSpan ShutdownWait { get; set; } = TimeSpan.FromSeconds(20);
    /// <summary>Shared secret for POST /api/v1/bounces (header X-Masthead-Bounce-Key); unset disables the endpoint.</summary>
    public string? BounceKey { get; set; }
    [Range(1024, 50_000_000)] public int MaxBounceBytes { get; set; } = 1_000_000;
}
