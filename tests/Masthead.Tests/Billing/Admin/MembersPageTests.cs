using System.Net;
using System.Text.RegularExpressions;
using Masthead.Accounts;
using Masthead.Billing.Invoices;
using Masthead.Billing.Plans;
using Masthead.Billing.Subscriptions;
using Masthead.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Masthead.Tests.Billing.Admin.MemberAdminSeed;

namespace Masthead.Tests.Billing.Admin;

public sealed partial class MembersPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"<a href=""/admin/members/[^""]+"">([^<]+)</a>")]
    private static partial Regex MemberLink();

    private static async Task<List<string>> EmailsAsync(HttpClient client, string url) =>
        MemberLink().Matches(await client.GetStringAsync(url, Ct)).Select(m => m.Groups[1].Value).Order().ToList();

    [Theory, ClassData(typeof(Databases))]
    public async Task Filters_by_status_plan_trial_ending_and_email_return_exactly_the_matching_members(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        // Now is 20 Nov 09:00. A trial started 15 Nov ends 22 Nov (within 3 days); one started 19 Nov ends 26 Nov.
        await app.MemberAsync("ending@example.test", SubscriptionStatus.Trialing, At(11, 15));
        await app.MemberAsync("fresh@example.test", SubscriptionStatus.Trialing, At(11, 19));
        await app.MemberAsync("annual@example.test", SubscriptionStatus.Active, At(6, 1), paidAt: At(6, 8));
        await app.MemberAsync("monthly@example.test", SubscriptionStatus.Active, At(10, 1), BillingInterval.Month, paidAt: At(10, 8));
        await app.MemberAsync("late@example.test", SubscriptionStatus.PastDue, At(9, 1), BillingInterval.Month, paidAt: At(9, 8));
        await app.MemberAsync("team@example.test", SubscriptionStatus.Active, At(5, 1), paidAt: At(5, 8), plan: PlanSlugs.ProTeam);
        await app.MemberAsync("gone@example.test", SubscriptionStatus.Canceled, At(3, 1), endedAt: At(3, 13));
        await app.MemberAsync("lapsed@example.test", SubscriptionStatus.Expired, At(2, 1), endedAt: At(2, 8));
        await app.CreateUserAsync("free@example.test");
        var admin = await app.SignedInClientAsync(Roles.Admin);

        Assert.Equal(8, (await EmailsAsync(admin, "/admin/members")).Count);
        Assert.Equal(["ending@example.test", "fresh@example.test"], await EmailsAsync(admin, "/admin/members?status=Trialing"));
        Assert.Equal(["ending@example.test"], await EmailsAsync(admin, "/admin/members?trialEnding=true"));
        Assert.Equal(["late@example.test"], await EmailsAsync(admin, "/admin/members?status=PastDue"));
        Assert.Equal(["gone@example.test"], await EmailsAsync(admin, "/admin/members?status=Canceled"));
        Assert.Equal(["lapsed@example.test"], await EmailsAsync(admin, "/admin/members?status=Expired"));
        Assert.Equal(["annual@example.test", "monthly@example.test", "team@example.test"], await EmailsAsync(admin, "/admin/members?status=Active"));
        Assert.Equal(["team@example.test"], await EmailsAsync(admin, "/admin/members?plan=pro-team"));
        Assert.Equal(["monthly@example.test"], await EmailsAsync(admin, "/admin/members?plan=pro&status=Active&q=MONTH"));
        Assert.Empty(await EmailsAsync(admin, "/admin/members?q=free@"));
        // Unknown filter values are ignored rather than failing.
        Assert.Equal(8, (await EmailsAsync(admin, "/admin/members?status=Bogus&plan=nope")).Count);

        var html = await admin.GetStringAsync("/admin/members", Ct);
        Assert.Contains("<strong>2</strong> trialing", html);
        Assert.Contains("<strong>3</strong> active", html);
        Assert.Contains("<strong>1</strong> past due", html);
        Assert.Contains("<strong>1</strong> trial ends within 3 days", html);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task The_members_list_pages_fifty_at_a_time(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        for (var i = 0; i < 52; i++) await app.MemberAsync($"m{i:00}@example.test", SubscriptionStatus.Trialing, At(11, 18));
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var first = await EmailsAsync(admin, "/admin/members");
        var second = await EmailsAsync(admin, "/admin/members?page=2");
        Assert.Equal(50, first.Count);
        Assert.Equal(["m50@example.test", "m51@example.test"], second);
        Assert.Contains("Page 1 of 2", await admin.GetStringAsync("/admin/members", Ct));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_member_page_shows_subscription_card_invoices_and_history_and_a_confirmed_refund_marks_the_invoice_refunded_and_emails_the_member(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var member = await app.MemberAsync("nour@example.test", SubscriptionStatus.Active, At(11, 1), paidAt: At(11, 8));
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var page = $"/admin/members/{member.User.Id}";

        var html = await admin.GetStringAsync(page, Ct);
        Assert.Contains("PRO Individual", html);
        Assert.Contains("Visa ending 4242", html);
        Assert.Contains("LL-000001", html);
        Assert.Contains("email sent: receipt", html);
        Assert.Contains("trial started", html);

        var fields = new Dictionary<string, string> { ["InvoiceId"] = member.InvoiceId!.Value.ToString(), ["Amount"] = "300.01" };
        var tooMuch = await admin.PostFormAsync(page + "?handler=Review", fields, page);
        Assert.Contains("At most $300.00 of invoice LL-000001 can be refunded.", await tooMuch.Content.ReadAsStringAsync(Ct));
        fields["Amount"] = "nonsense";
        Assert.Contains("Enter the amount as digits", await (await admin.PostFormAsync(page + "?handler=Review", fields, page)).Content.ReadAsStringAsync(Ct));

        fields["Amount"] = "300";
        var review = await (await admin.PostFormAsync(page + "?handler=Review", fields, page)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Confirm the refund", review);
        Assert.Contains("Refund $300.00", review);
        Assert.Equal(InvoiceStatus.Paid, await app.WithDbAsync(d => d.BillingInvoices.Select(i => i.Status).SingleAsync(Ct)));

        var confirm = await admin.PostFormAsync(page + "?handler=Refund", fields, page);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(page + "?notice=refunded", confirm.Headers.Location!.OriginalString);

        var invoice = await app.WithDbAsync(d => d.BillingInvoices.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(InvoiceStatus.Refunded, invoice.Status);
        Assert.Equal(30_000, invoice.AmountRefundedMinor);
        // The full refund of the current period ends access (the engine's rule).
        Assert.Equal(SubscriptionStatus.Canceled, (await app.SubscriptionAsync(member.User)).Status);
        await app.DeliverQueuedAsync(); // billing tests run without the delivery worker (see BillingTestSupport)
        var mail = await Mailbox.WaitForAsync(app.MailDirectory, "nour@example.test", m => m.Subject == "Refund for invoice LL-000001");
        Assert.Contains("$300.00", mail.TextBody);
        var after = await admin.GetStringAsync(page + "?notice=refunded", Ct);
        Assert.Contains("Refund issued", after);
        Assert.Contains("refund issued", after);
        Assert.Contains("email sent: refund-issued", after);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_refund_form_cannot_reach_another_members_invoice(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var a = await app.MemberAsync("a@example.test", SubscriptionStatus.Active, At(11, 1), paidAt: At(11, 8));
        var b = await app.MemberAsync("b@example.test", SubscriptionStatus.Active, At(11, 1), paidAt: At(11, 8));
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var page = $"/admin/members/{a.User.Id}";
        var response = await admin.PostFormAsync(page + "?handler=Refund",
            new() { ["InvoiceId"] = b.InvoiceId!.Value.ToString(), ["Amount"] = "300" }, page);
        Assert.Contains("That invoice is not this member", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await app.WithDbAsync(d => d.BillingInvoices.CountAsync(i => i.Status != InvoiceStatus.Paid, Ct)));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task A_partial_refund_from_the_member_page_leaves_access_and_the_rest_refundable(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var member = await app.MemberAsync("part@example.test", SubscriptionStatus.Active, At(11, 1), paidAt: At(11, 8));
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var page = $"/admin/members/{member.User.Id}";
        var fields = new Dictionary<string, string> { ["InvoiceId"] = member.InvoiceId!.Value.ToString(), ["Amount"] = "120.50" };
        Assert.Contains("This is a partial refund.", await (await admin.PostFormAsync(page + "?handler=Review", fields, page)).Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(page + "?handler=Refund", fields, page)).StatusCode);

        var invoice = await app.WithDbAsync(d => d.BillingInvoices.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((InvoiceStatus.PartiallyRefunded, 12_050L), (invoice.Status, invoice.AmountRefundedMinor));
        Assert.Equal(SubscriptionStatus.Active, (await app.SubscriptionAsync(member.User)).Status);
        await app.DeliverQueuedAsync();
        await Mailbox.WaitForAsync(app.MailDirectory, "part@example.test", m => m.Subject == "Refund for invoice LL-000001");
        // The form now offers what is left.
        Assert.Contains("value=\"179.50\"", await admin.GetStringAsync(page, Ct));
    }
}
