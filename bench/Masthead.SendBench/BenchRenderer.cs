using System.Text;
using Masthead.Delivery.Outbox;
using MimeKit;

namespace Masthead.SendBench;

/// <summary>Stands in for the edition renderer: an edition of about 30 KB (HTML and text parts) with the
/// reader's name and personal links, and the list headers an edition carries. The shared part is built
/// once, as a real renderer caches the edition; only the personal parts are formatted per recipient.</summary>
internal sealed class BenchRenderer : IOutboxRenderer
{
    private readonly string _html;
    private readonly string _text;

    public BenchRenderer()
    {
        var html = new StringBuilder();
        var text = new StringBuilder();
        var paragraph = "Shipping insurers in the Gulf of Aden raised war-risk premiums again this week, while tanker "
            + "charter rates eased as three operators resumed transits under naval escort. Analysts expect the spread "
            + "between Brent and Dubai to narrow if the convoy schedule holds through the end of the month.";
        for (var i = 1; i <= 31; i++)
        {
            html.Append($"<h2 style=\"font-family:Georgia,serif;font-size:20px;margin:24px 0 8px\">Item {i}: markets and shipping</h2>")
                .Append($"<p style=\"font-family:Georgia,serif;font-size:16px;line-height:1.5;color:#1a1a1a\">{paragraph}</p>")
                .Append($"<p><a href=\"https://ledger.example/articles/item-{i}\" style=\"color:#7a1f1f\">Read the full story</a></p>");
            text.Append($"Item {i}: markets and shipping\n\n{paragraph}\nhttps://ledger.example/articles/item-{i}\n\n");
        }
        _html = html.ToString();
        _text = text.ToString();
    }

    public string Kind => OutboxWriter.EditionKind;

    public Task<MimeMessage> RenderAsync(OutboxMessage row, CancellationToken ct) => Task.FromResult(Render(row.ToAddress, row.ToName, row.SubscriberId ?? row.Id));

    public MimeMessage Render(string address, string? name, long subscriberId)
    {
        var preferences = $"https://ledger.example/briefings/preferences?s={subscriberId}&t={subscriberId * 7919 % 1_000_003:x}";
        var unsubscribe = $"https://ledger.example/briefings/unsubscribe?s={subscriberId}&t={subscriberId * 104_729 % 1_000_003:x}";
        var message = new MimeMessage { Subject = "The Gulf Briefing — 20 November" };
        message.From.Add(new MailboxAddress("The Gulf Briefing", "gulf@ledger.example"));
        message.To.Add(new MailboxAddress(name ?? "", address));
        message.Headers.Add("List-Id", "The Gulf Briefing <gulf.ledger.example>");
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>, <mailto:unsubscribe@ledger.example?subject={subscriberId}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Body = new BodyBuilder
        {
            HtmlBody = $"<!DOCTYPE html><html><body><p>Good morning {name},</p>{_html}<p><a href=\"{preferences}\">Manage your briefings</a> · <a href=\"{unsubscribe}\">Unsubscribe</a></p></body></html>",
            TextBody = $"Good morning {name},\n\n{_text}Manage your briefings: {preferences}\nUnsubscribe: {unsubscribe}\n",
        }.ToMessageBody();
        // Choosing the transfer encoding here spares MimeKit a scan of every part when the message is
        // prepared for signing (the edition renderer can do the same: its text is never 7-bit-safe anyway).
        foreach (var part in message.BodyParts.OfType<TextPart>()) part.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        return message;
    }
}
