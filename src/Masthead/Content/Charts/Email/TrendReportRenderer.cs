using System.Globalization;
using Masthead.Delivery;
using Masthead.Delivery.Outbox;
using Masthead.Site;
using MimeKit;

namespace Masthead.Content.Charts.Email;

/// <summary>The "trend-report" outbox kind. A row carries no payload (a report with six PNGs is a few hundred KB; a copy
/// per member would fill the outbox): its key names the report, and the message is built at send time. The composed
/// report is kept in <see cref="ContentMemo"/>, so a send renders it once and an edit of the report (which clears the
/// memo) reaches the members not yet sent, as it reaches the page.</summary>
internal sealed class TrendReportRenderer(IServiceScopeFactory scopes, Mailer mailer, ContentMemo memo) : IOutboxRenderer
{
    public const string TrendReportKind = "trend-report";
    private const string KeyPrefix = "trend-report/";

    public string Kind => TrendReportKind;

    /// <summary>"trend-report/{article id}/{user id}": one per report and member, so sending again adds nobody twice.</summary>
    public static string MessageKey(int articleId, string userId) => KeyPrefix + articleId.ToString(CultureInfo.InvariantCulture) + "/" + userId;

    public static string KeysOf(int articleId) => KeyPrefix + articleId.ToString(CultureInfo.InvariantCulture) + "/";

    public async Task<MimeMessage> RenderAsync(OutboxMessage row, CancellationToken ct)
    {
        var parts = row.MessageKey.Split('/');
        if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var articleId))
        {
            throw new InvalidOperationException($"Outbox row {row.Id} of kind {TrendReportKind} has a key that names no report.");
        }
        var mail = await memo.GetAsync($"trend-mail:{articleId}", async c =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TrendReportComposer>().ComposeAsync(articleId, c);
        }, ct);
        // Unpublished (or deleted, or made another kind) after it was sent: the members not reached yet get nothing;
        // the row is retried and then recorded Failed with this reason.
        if (mail is null) throw new InvalidOperationException($"Trend report {articleId} is no longer a published trend report.");
        return mailer.Compose(new OutgoingMail(row.ToAddress, row.ToName, mail.Subject, mail.Html, mail.Text, row.MessageKey)
        {
            Attachments = mail.Images,
        });
    }
}
