using System.ComponentModel.DataAnnotations;

namespace Masthead.Billing;

/// <summary>Settings bound from "Billing".</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>ISO 4217 code of the prices seeded at first start.</summary>
    [Required, RegularExpression("^[A-Z]{3}$")] public string Currency { get; set; } = "USD";
    /// <summary>Tax rate in basis points (1000 = 10%); 0 means no tax line.</summary>
    [Range(0, 10_000)] public int TaxRateBasisPoints { get; set; }
    /// <summary>True: prices already include the tax (the invoice shows the part that is tax);
    /// false: tax is added on top of the price.</summary>
    public bool TaxInclusive { get; set; }
    [Range(0, 90)] public int TrialDays { get; set; } = 7;
    /// <summary>How many days before a trial converts the reminder goes out.</summary>
    [Range(1, 30)] public int TrialReminderDaysBefore { get; set; } = 3;
    /// <summary>Days after the first failed charge at which the charge is retried; after the last
    /// retry fails the subscription is canceled.</summary>
    public int[] DunningRetryDays { get; set; } = [1, 3, 5];
    [Required, RegularExpression("^[A-Z0-9]{1,8}$")] public string InvoicePrefix { get; set; } = "LL";
    /// <summary>"test" (built-in test-mode gateway, the default) or "stripe" (added later).</summary>
    [Required] public string Gateway { get; set; } = "test";
    /// <summary>False stops the background clock (tests drive BillingClock.RunDueAsync themselves).</summary>
    public bool ClockEnabled { get; set; } = true;
    /// <summary>How often the billing clock looks for due work.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan ClockInterval { get; set; } = TimeSpan.FromMinutes(1);
}
