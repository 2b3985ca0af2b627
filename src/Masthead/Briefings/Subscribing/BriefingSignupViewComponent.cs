using Microsoft.AspNetCore.Mvc;

namespace Masthead.Briefings.Subscribing;

/// <summary>The signup box on the home and article pages:
/// <c>@await Component.InvokeAsync("BriefingSignup", new { source = "home" })</c>. It holds nothing
/// personal, so output-cached pages can include it.</summary>
public sealed class BriefingSignupViewComponent(SignupForms forms) : ViewComponent
{
    public const string ViewPath = "/Briefings/Subscribing/_SignupForm.cshtml";

    public async Task<IViewComponentResult> InvokeAsync(string source, string? section = null, IEnumerable<string>? tags = null)
    {
        var ct = HttpContext.RequestAborted;
        var signedIn = UserClaimsPrincipal.Identity?.IsAuthenticated == true;
        var view = source == "article"
            ? await forms.ForArticleAsync(section, tags ?? [], signedIn, ct)
            : await forms.ForHomeAsync(signedIn, ct);
        return View(ViewPath, view);
    }
}
