using Masthead.Delivery;
using Masthead.Site;

namespace Masthead.Tests.Delivery;

public sealed class TransactionalEmailTests
{
    private static readonly TransactionalEmail Layout =
        TransactionalEmail.For(new SiteOptions { Name = "The Levant Ledger", BaseUrl = "https://ledger.example" });

    private static OutgoingMail Sample(string paragraph = "Your PRO membership is active.") => Layout.Compose(
        to: "reader@example.test", subject: "Welcome to PRO", heading: "Thank you",
        paragraphs: [paragraph, "It renews on 1 December 2027."], buttonText: "See your account",
        buttonUrl: "https://ledger.example/account?x=1&y=2", footnote: "Questions? Reply to this email.",
        items: ["Gulf Briefing", "Energy Desk"], messageKey: "billing/welcome/1");

    [Fact]
    public void TheHtmlIsAnAccessibleSingleButtonShellWithoutImages()
    {
        var html = Sample().Html;
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", html);
        Assert.Contains("<meta name=\"color-scheme\" content=\"light dark\">", html);
        Assert.Contains("prefers-color-scheme: dark", html);
        Assert.DoesNotContain("<table width", html);
        Assert.All(html.Split("<table")[1..], t => Assert.StartsWith(" role=\"presentation\"", t));
        Assert.Contains("<h1", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("<li style=\"margin:0 0 6px;\">Energy Desk</li>", html);
        // One button, whose URL is also written out (encoded) for clients that hide buttons.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "font-weight:bold;line-height:1.2;"));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(html, "href=\"https://ledger.example/account\\?x=1&amp;y=2\"").Count);
        Assert.Contains(System.Net.WebUtility.HtmlEncode("The Levant Ledger · ledger.example"), html);
    }

    [Fact]
    public void TheTextPartSaysTheSameInPlainText()
    {
        var mail = Sample();
        Assert.Equal(("reader@example.test", "Welcome to PRO", "billing/welcome/1"), (mail.To, mail.Subject, mail.MessageKey));
        Assert.Contains("Thank you\n\nYour PRO membership is active.\n\nIt renews on 1 December 2027.\n\n", mail.Text);
        Assert.Contains("  - Gulf Briefing\n  - Energy Desk\n", mail.Text);
        Assert.Contains("See your account: https://ledger.example/account?x=1&y=2\n", mail.Text);
        Assert.Contains("Questions? Reply to this email.", mail.Text);
        Assert.EndsWith("-- \nThe Levant Ledger\nhttps://ledger.example\n", mail.Text);
        Assert.DoesNotContain("<", mail.Text);
    }

    [Fact]
    public void TextIsEncodedSoItCannotBecomeMarkup()
    {
        var html = Sample("<script>alert(1)</script> & <a href=\"https://evil.example\">x</a>").Html;
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("evil.example\">", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;", html);
    }
}
