using System.ComponentModel.DataAnnotations;

namespace Masthead.Accounts;

public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    public TimeSpan MagicLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in, sign-up and magic-link POSTs allowed per client IP per <see cref="IpWindow"/>.</summary>
    [Range(1, 100_000)] public int IpPermitLimit { get; set; } = 10;
    public TimeSpan IpWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Magic links sent to one address per <see cref="AddressWindow"/>, counted from the
    /// tokens in the database so the limit holds across restarts and app instances.</summary>
    [Range(1, 10_000)] public int AddressPermitLimit { get; set; } = 5;
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed password sign-ins for one address from one source before that source waits.</summary>
    [Range(1, 1_000)] public int SignInBackoffThreshold { get; set; } = 5;
    /// <summary>The wait after the threshold is reached; it doubles with each further failure.</summary>
    public TimeSpan SignInBackoffFirstWait { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan SignInBackoffMaxWait { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>A failure this long after the previous one starts counting afresh (and a new episode).</summary>
    public TimeSpan SignInBackoffForgetAfter { get; set; } = TimeSpan.FromDays(1);
}
