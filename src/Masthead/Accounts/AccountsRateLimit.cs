using Masthead.Site;
using Microsoft.Extensions.Options;

namespace Masthead.Accounts;

/// <summary>Per-IP limit on the account forms' POSTs (sign-in, sign-up, magic link). The per-address limit
/// on magic links lives in <see cref="MagicLinks.RequestAsync"/> because it needs the posted, normalised address.</summary>
internal sealed class AccountsRateLimit(IOptions<AccountsOptions> options) : PostsPerIpLimit
{
    public const string Name = "accounts";

    protected override int PermitLimit => options.Value.IpPermitLimit;
    protected override TimeSpan Window => options.Value.IpWindow;
    protected override (string Href, string Text) BackLink => ("/account/signin", "Back to sign in");
}
