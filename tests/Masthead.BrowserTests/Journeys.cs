using Masthead.Billing.Subscriptions;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Masthead.BrowserTests;

/// <summary>What several journeys set up or read the same way: a PRO member, and an email as a mail client shows it.</summary>
internal static class Journeys
{
    /// <summary>A member with an active yearly PRO subscription, a month in.</summary>
    public static async Task ProMemberAsync(TestApp app, string email)
    {
        var user = await app.CreateUserAsync(email);
        var now = app.Time.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            var price = await db.BillingPrices.FirstAsync(p => p.Active);
            db.Add(new MemberSubscription
            {
                UserId = user.Id, PriceId = price.Id, Status = SubscriptionStatus.Active, CreatedAt = now.AddDays(-30),
                CurrentPeriodStart = now.AddDays(-23), CurrentPeriodEnd = now.AddDays(342),
            });
            await db.SaveChangesAsync();
        });
    }

    /// <summary>The HTML part with every cid: image replaced by its part's bytes, as a mail client resolves them.</summary>
    public static async Task<string> HtmlWithInlineImagesAsync(MimeMessage message)
    {
        var html = message.HtmlBody ?? throw new InvalidOperationException($"the message \"{message.Subject}\" has no HTML part");
        foreach (var image in message.BodyParts.OfType<MimePart>().Where(p => p.ContentId is not null))
        {
            using var bytes = new MemoryStream();
            await image.Content!.DecodeToAsync(bytes);
            html = html.Replace("cid:" + image.ContentId, $"data:{image.ContentType.MimeType};base64," + Convert.ToBase64String(bytes.ToArray()), StringComparison.Ordinal);
        }
        return html;
    }
}
