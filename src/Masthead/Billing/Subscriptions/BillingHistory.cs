using Masthead.Billing.Emails;
using Masthead.Data;
using Masthead.Delivery;

namespace Masthead.Billing.Subscriptions;

/// <summary>Appends to a subscription's history and sends billing mail, recording each email sent.
/// A mail failure is logged and recorded but never undoes the billing change it reports.</summary>
public sealed class BillingHistory(MastheadDb db, Mailer mailer, TimeProvider time, ILogger<BillingHistory> log)
{
    public void Add(MemberSubscription s, string type, string detail = "") =>
        db.Add(new BillingEvent { SubscriptionId = s.Id, UserId = s.UserId, Type = type, Detail = detail, At = time.GetUtcNow().UtcDateTime });

    public async Task SendAsync(MemberSubscription s, BillingMail mail, CancellationToken ct)
    {
        string type;
        try
        {
            await mailer.SendAsync(mail.Mail, ct);
            type = "email sent: " + mail.Kind;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Billing email {Kind} for subscription {Id} failed", mail.Kind, s.Id);
            type = "email failed: " + mail.Kind;
        }
        db.Add(new BillingEvent { SubscriptionId = s.Id, UserId = s.UserId, Type = type, Detail = mail.Mail.Subject, At = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }
}
