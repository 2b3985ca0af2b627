using System.Net;
using Masthead.Accounts;
using Masthead.Billing.Subscriptions;
using Masthead.Tests.Support;

namespace Masthead.Tests.Billing.Admin;

public sealed class MemberAdminAccessTests
{
    [Theory, ClassData(typeof(Databases))]
    public async Task Every_membership_admin_page_refuses_anonymous_visitors_readers_and_editors_and_opens_for_admins(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var member = await app.MemberAsync("someone@example.test", SubscriptionStatus.Trialing, app.Time.GetUtcNow().UtcDateTime);
        string[] routes = ["/admin/members", "/admin/members?status=PastDue", "/admin/plans", "/admin/billing", $"/admin/members/{member.User.Id}"];

        var anonymous = app.CreateBrowserClient();
        var reader = await app.SignedInClientAsync(Roles.Reader);
        var editor = await app.SignedInClientAsync(Roles.Editor);
        var admin = await app.SignedInClientAsync(Roles.Admin);
        foreach (var route in routes)
        {
            var a = await anonymous.GetAsync(route, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, a.StatusCode);
            Assert.StartsWith("/account/signin", a.Headers.Location!.PathAndQuery);
            var r = await reader.GetAsync(route, TestContext.Current.CancellationToken);
            Assert.True(r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{route}: {r.StatusCode}");
            Assert.DoesNotContain("someone@example.test", await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var e = await editor.GetAsync(route, TestContext.Current.CancellationToken);
            Assert.True(e.StatusCode == HttpStatusCode.Redirect && e.Headers.Location!.OriginalString.Contains("/account/denied"), $"{route} as editor: {e.StatusCode}");
            Assert.DoesNotContain("someone@example.test", await e.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(route, TestContext.Current.CancellationToken)).StatusCode);
        }
        var unknown = await admin.GetAsync("/admin/members/no-such-user", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task An_editor_cannot_change_a_price_even_with_the_forms_token(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var admin = await app.SignedInClientAsync(Roles.Admin);
        var token = await admin.AntiforgeryTokenAsync("/admin/plans");
        var editor = await app.SignedInClientAsync(Roles.Editor);
        // The editor's own token, from a page they may open, on a form that is not theirs.
        var own = await editor.AntiforgeryTokenAsync("/admin/articles/new");
        foreach (var t in new[] { token, own })
        {
            var response = await editor.PostAsync("/admin/plans", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Target"] = "pro:Year", ["Amount"] = "1", ["__RequestVerificationToken"] = t,
            }), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{response.StatusCode}");
        }
        Assert.Equal(30_000, await app.PriceAmountAsync("pro", Masthead.Billing.Plans.BillingInterval.Year));
    }

    [Theory, ClassData(typeof(Databases))]
    public async Task Price_and_refund_forms_refuse_a_post_without_an_antiforgery_token(Db db)
    {
        await using var app = await BillingTestSupport.StartBillingAppAsync(db);
        var member = await app.MemberAsync("payer@example.test", SubscriptionStatus.Active, MemberAdminSeed.At(11, 1), paidAt: MemberAdminSeed.At(11, 8));
        var editor = await app.SignedInClientAsync(Roles.Admin);
        var price = await editor.PostFormWithoutTokenAsync("/admin/plans", new() { ["Target"] = "pro:Year", ["Amount"] = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, price.StatusCode);
        var refund = await editor.PostFormWithoutTokenAsync($"/admin/members/{member.User.Id}?handler=Refund",
            new() { ["InvoiceId"] = member.InvoiceId!.Value.ToString(), ["Amount"] = "300" });
        Assert.Equal(HttpStatusCode.BadRequest, refund.StatusCode);
        Assert.Equal(30_000, await app.PriceAmountAsync("pro", Masthead.Billing.Plans.BillingInterval.Year));
    }
}
