using System.Security.Claims;

namespace Masthead.Billing.Pages;

/// <summary>Routes of the reader billing pages, and the one rule for where a reader may be sent back to.</summary>
internal static class BillingPaths
{
    public const string Pricing = "/pricing";
    public const string Checkout = "/billing/checkout";
    public const string Account = "/account/billing";
    public const string Cancel = "/account/billing/cancel";
    public const string PaymentMethod = "/account/billing/payment-method";
    public const string Invoices = "/account/billing/invoices";

    /// <summary>TempData key for the one-line confirmation shown on the account billing page.</summary>
    public const string NoticeKey = "BillingNotice";

    /// <summary>A return path is accepted only if it is a local absolute path on this site ("/articles/x"):
    /// never a scheme, a host ("//evil"), a backslash trick or a control character. Anything else is dropped.</summary>
    public static string? LocalReturn(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Length > 500) return null;
        if (candidate[0] != '/' || candidate.StartsWith("//", StringComparison.Ordinal) || candidate.StartsWith("/\\", StringComparison.Ordinal)) return null;
        if (candidate.Any(c => char.IsControl(c) || c == '\\' || char.IsWhiteSpace(c))) return null;
        return candidate;
    }

    public static string CheckoutHref(int priceId, string? returnPath) =>
        $"{Checkout}?price={priceId}" + (returnPath is null ? "" : "&return=" + Uri.EscapeDataString(returnPath));

    /// <summary>The <c>mode</c> of the paid checkout path (no trial, charged at once).</summary>
    public const string SubscribeMode = "subscribe";

    public static string SubscribeHref(int priceId, string? returnPath) => CheckoutHref(priceId, returnPath) + "&mode=" + SubscribeMode;

    public static string SignInHref(string afterSignIn) => "/account/signin?returnUrl=" + Uri.EscapeDataString(afterSignIn);

    public static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
