using System.Globalization;
using Masthead.Billing.Invoices;
using Masthead.Delivery;
using Masthead.Site;
using Microsoft.Extensions.Options;

namespace Masthead.Billing.Emails;

/// <summary>An email and its kind ("receipt"), which the history records as "email sent: receipt".</summary>
public sealed record BillingMail(string Kind, OutgoingMail Mail);

/// <summary>The billing emails, HTML and text, links absolute from Site:BaseUrl. The account page is
/// /account/billing, the pricing page /pricing. The kind is what the history records ("email sent: receipt").</summary>
public sealed class BillingEmails(IOptions<SiteOptions> siteOptions, IOptions<BillingOptions> billingOptions)
{
    public const string AccountPath = "/account/billing";
    public const string PricingPath = "/pricing";
    public const string PaymentMethodPath = "/account/billing/payment-method";
    /// <summary>The last paragraph of every billing email sent under the built-in test gateway: no real money moved.</summary>
    public const string TestModeNote = "Test mode: this site uses the built-in test payment gateway, so no real card was charged or refunded.";

    private SiteOptions Site => siteOptions.Value;
    private string Account => Site.Absolute(AccountPath);
    private string Pricing => Site.Absolute(PricingPath);

    public static string Date(DateTime utc) => utc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public BillingMail TrialStarted(string to, string plan, DateTime trialEnd, string priceText) => Build(to, "trial-started",
        $"Your {plan} trial has started",
        [$"Welcome to {plan}. Your free trial runs until {Date(trialEnd)}, and every article, memo and trend report is open to you until then.",
         $"If you stay, your card will be charged {priceText} on {Date(trialEnd)}. We will remind you a few days before.",
         "You can cancel at any time from your account page, and you will not be charged."],
        ("Manage your subscription", Account));

    public BillingMail TrialReminder(string to, string plan, DateTime chargeAt, Money amount) => Build(to, "trial-reminder",
        $"Your {plan} trial ends on {Date(chargeAt)}",
        [$"Your free trial of {plan} ends on {Date(chargeAt)}.",
         $"On that day we will charge {amount.Format()} to the card on file, and your subscription will continue without interruption.",
         $"If you would rather not continue, cancel before {Date(chargeAt)} from your account page. You keep access until the trial ends and nothing is charged."],
        ("Review or cancel", Account));

    /// <summary>The receipt: the invoice's lines, tax and total, and a link straight to that invoice.</summary>
    public BillingMail Receipt(string to, Invoice invoice, string plan)
    {
        var lines = invoice.Lines.Select(l => $"{l.Description}: {new Money(l.AmountMinor, invoice.Currency).Format()}").ToList();
        var tax = invoice.TaxMinor == 0 ? null
            : $"Tax ({invoice.TaxRateBasisPoints / 100m:0.##}%{(invoice.TaxInclusive ? ", included" : "")}): {invoice.Tax.Format()}";
        var body = new List<string> { $"Thank you. We have received your payment for {plan}.", $"Invoice {invoice.Number}, paid {Date(invoice.PaidAt ?? invoice.CreatedAt)}." };
        body.AddRange(lines);
        body.Add($"Subtotal: {invoice.Subtotal.Format()}");
        if (tax is not null) body.Add(tax);
        body.Add($"Total paid: {invoice.Total.Format()}");
        body.Add($"This payment covers {Date(invoice.PeriodStart)} to {Date(invoice.PeriodEnd)}. All your invoices are on your account page.");
        return Build(to, "receipt", $"Receipt {invoice.Number}", body,
            ($"View invoice {invoice.Number}", Site.Absolute("/account/billing/invoices/" + Uri.EscapeDataString(invoice.Number))));
    }

    public BillingMail PaymentFailed(string to, string plan, Money amount, string reason, DateTime? nextRetry) => Build(to, "payment-failed",
        $"We could not take your {plan} payment",
        [$"We tried to charge {amount.Format()} for {plan}, but the payment did not go through. {Sentence(reason)}",
         nextRetry is { } at
             ? $"You still have full access. We will try again on {Date(at)}. To avoid an interruption, update your card before then."
             : "This was our last attempt.",
         "Updating your card takes a minute: we charge the new card straight away and your membership carries on."],
        ("Update your card", Site.Absolute(PaymentMethodPath)));

    /// <summary>A canceled trial was never charged, so it is told "you will not be charged", not "not again".</summary>
    public BillingMail CanceledAtPeriodEnd(string to, string plan, DateTime accessUntil, bool trial = false) => Build(to, "subscription-canceled",
        $"Your {plan} subscription is canceled",
        [trial
            ? $"As you asked, your {plan} trial will not turn into a paid subscription. You keep full access until {Date(accessUntil)}, and your card will not be charged."
            : $"As you asked, your {plan} subscription will not renew. You keep full access until {Date(accessUntil)}, and you will not be charged again.",
         "Changed your mind? Reactivate from your account page before that date and nothing changes."],
        ("Reactivate", Account));

    public BillingMail Ended(string to, string plan, string why) => Build(to, "subscription-ended",
        $"Your {plan} subscription has ended",
        [why, "Your free account stays open: you can still read public articles and receive the free briefings.",
         "You are welcome back any time."],
        ("See the plans", Pricing));

    public BillingMail RefundIssued(string to, Invoice invoice, Money amount, bool accessEnded) => Build(to, "refund-issued",
        $"Refund for invoice {invoice.Number}",
        [$"We have refunded {amount.Format()} of invoice {invoice.Number} to your card. It usually appears within 5 to 10 working days.",
         accessEnded ? "As the whole period was refunded, your PRO access has ended." : "Your subscription is not affected.",
         $"In total {invoice.AmountRefunded.Format()} of {invoice.AmountPaid.Format()} has been refunded on this invoice."],
        ("View your invoices", Account));

    /// <summary>In the site's one transactional layout (Delivery/TransactionalEmail), like sign-in and confirmation mail.</summary>
    private BillingMail Build(string to, string kind, string subject, IReadOnlyList<string> paragraphs, (string Label, string Url) action)
    {
        var all = billingOptions.Value.Gateway == Gateway.TestPaymentGateway.GatewayName ? [.. paragraphs, TestModeNote] : paragraphs;
        return new(kind, TransactionalEmail.For(Site).Compose(to, subject, subject, all, action.Label, action.Url));
    }

    /// <summary>A gateway's decline message as a sentence of its own ("Your card was declined.").</summary>
    private static string Sentence(string reason)
    {
        var r = reason.Trim();
        if (r.Length == 0) return "";
        r = char.ToUpperInvariant(r[0]) + r[1..];
        return r.EndsWith('.') ? r : r + ".";
    }
}
