using Masthead.Billing.Subscriptions;
using Masthead.Data;
using Masthead.Delivery;
using Masthead.Delivery.Dkim;
using Masthead.Delivery.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Content.Charts.Email;

public sealed record TrendReportSendResult(bool Ok, string? Error, int Queued = 0)
{
    public static TrendReportSendResult Fail(string error) => new(false, error);
}

/// <summary>Where a report's email stands: whether it may be sent (<see cref="Refusal"/> null), how many PRO members
/// would get it now (those not already queued), and the outbox counts of what was queued.</summary>
public sealed record TrendReportEmailState(int ArticleId, string Title, ArticleKind Kind, string? Refusal, int Pending, OutboxCounts Counts,
    DateTime? FirstQueuedAt);

/// <summary>Emails a published trend report to every current PRO member: one outbox row per member, keyed
/// <c>trend-report/{article}/{user}</c>, written by one INSERT … SELECT that skips keys already there. So a double
/// click, two editors at once or a send interrupted half-way and started again queue nobody twice, and a second send
/// later reaches only members who became PRO since. The delivery workers render and send the rows.</summary>
public sealed class TrendReportSender(MastheadDb db, TrendReportComposer composer, FromAlignment alignment, IOptions<MailOptions> mail,
    DeliverySignal signal, TimeProvider time, ILogger<TrendReportSender> logger)
{
    // PRO exactly as BillingEntitlements grants it: trialing, active or past due (payment being retried, access
    // continues), and not canceled with its period over. Canceled and Expired grant nothing.
    private const string TrialingText = nameof(SubscriptionStatus.Trialing);
    private const string ActiveText = nameof(SubscriptionStatus.Active);
    private const string PastDueText = nameof(SubscriptionStatus.PastDue);

    private IQueryable<Masthead.Accounts.User> ProMembers(DateTime now) => db.Users.Where(u => u.Email != null && db.Set<MemberSubscription>()
        .Any(s => s.UserId == u.Id
            && (s.Status == SubscriptionStatus.Trialing || s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.PastDue)
            && (!s.CancelAtPeriodEnd || s.CurrentPeriodEnd > now)));

    public async Task<TrendReportEmailState?> StateAsync(int articleId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new { a.Title, a.Kind, a.Status, a.PublishAt }).FirstOrDefaultAsync(ct);
        if (article is null) return null;
        var refusal = article.Kind != ArticleKind.TrendReport
            ? $"Only a trend report can be emailed to PRO members, and this is a {ArticleKinds.Name(article.Kind).ToLowerInvariant()}. Nothing was sent."
            : article.Status is ArticleStatus.Draft || article.PublishAt is not { } at || at > now
                ? "This trend report is not published yet: publish it first, then email it. Nothing was sent."
                : null;
        var keys = TrendReportRenderer.KeysOf(articleId);
        var pending = refusal is null ? await ProMembers(now).CountAsync(u => !db.Outbox.Any(o => o.MessageKey == keys + u.Id), ct) : 0;
        var rows = db.Outbox.AsNoTracking().Where(o => o.Kind == TrendReportRenderer.TrendReportKind && o.MessageKey.StartsWith(keys));
        var first = await rows.MinAsync(o => (DateTime?)o.CreatedAt, ct);
        return new TrendReportEmailState(articleId, article.Title, article.Kind, refusal, pending, await CountsAsync(rows, ct), first);
    }

    public async Task<TrendReportSendResult> SendAsync(int articleId, CancellationToken ct)
    {
        if (await StateAsync(articleId, ct) is not { } state) return TrendReportSendResult.Fail("There is no such article.");
        if (state.Refusal is { } refusal) return TrendReportSendResult.Fail(refusal);
        if (alignment.BulkRefusal(mail.Value.FromAddress) is { } refused) return TrendReportSendResult.Fail(refused);
        // Composed once now, so a report that cannot be drawn stops here and not in the workers.
        if (await composer.ComposeAsync(articleId, ct) is null) return TrendReportSendResult.Fail("This trend report cannot be emailed now. Nothing was sent.");

        var now = time.GetUtcNow().UtcDateTime;
        var sql = db.Database.IsNpgsql() ? PostgresEnqueue : SqliteEnqueue;
        var queued = await db.Database.ExecuteSqlRawAsync(sql,
            [TrendReportRenderer.TrendReportKind, TrendReportRenderer.KeysOf(articleId), (int)OutboxStatus.Queued, now, TrialingText, ActiveText, PastDueText], ct);
        signal.Notify();
        logger.LogInformation("Trend report {ArticleId} queued for {Queued} PRO member(s)", articleId, queued);
        return new TrendReportSendResult(true, null, queued);
    }

    // Rows are due now, not at Mailer.PriorityDueAt: this is bulk, and a sign-in link queued after it must still overtake it.
    private const string SqliteEnqueue = """
        INSERT OR IGNORE INTO "Outbox" ("Kind", "MessageKey", "ToAddress", "ToName", "Status", "Attempts", "NextAttemptAt", "CreatedAt")
        SELECT {0}, {1} || u."Id", u."Email", u."DisplayName", {2}, 0, {3}, {3}
        FROM "AspNetUsers" u
        WHERE u."Email" IS NOT NULL AND EXISTS (SELECT 1 FROM "BillingSubscriptions" s WHERE s."UserId" = u."Id"
            AND s."Status" IN ({4}, {5}, {6}) AND (s."CancelAtPeriodEnd" = 0 OR s."CurrentPeriodEnd" > {3}))
        ORDER BY u."Id"
        """;

    private const string PostgresEnqueue = """
        INSERT INTO "Outbox" ("Kind", "MessageKey", "ToAddress", "ToName", "Status", "Attempts", "NextAttemptAt", "CreatedAt")
        SELECT {0}, {1} || u."Id", u."Email", u."DisplayName", {2}, 0, {3}, {3}
        FROM "AspNetUsers" u
        WHERE u."Email" IS NOT NULL AND EXISTS (SELECT 1 FROM "BillingSubscriptions" s WHERE s."UserId" = u."Id"
            AND s."Status" IN ({4}, {5}, {6}) AND (NOT s."CancelAtPeriodEnd" OR s."CurrentPeriodEnd" > {3}))
        ORDER BY u."Id"
        ON CONFLICT ("MessageKey") DO NOTHING
        """;

    private static async Task<OutboxCounts> CountsAsync(IQueryable<OutboxMessage> rows, CancellationToken ct)
    {
        var groups = await rows.GroupBy(o => new { o.Status, Retried = o.Attempts > 0 })
            .Select(g => new { g.Key.Status, g.Key.Retried, Count = g.Count() }).ToListAsync(ct);
        int Sum(OutboxStatus s, bool? retried = null) => groups.Where(g => g.Status == s && (retried is null || g.Retried == retried)).Sum(g => g.Count);
        return new OutboxCounts(Sum(OutboxStatus.Queued, false), Sum(OutboxStatus.Leased), Sum(OutboxStatus.Sent), Sum(OutboxStatus.Queued, true),
            Sum(OutboxStatus.Bounced), Sum(OutboxStatus.Failed), Sum(OutboxStatus.Suppressed));
    }
}
