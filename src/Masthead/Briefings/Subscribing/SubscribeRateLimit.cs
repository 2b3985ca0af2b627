using Masthead.Site;
using Microsoft.Extensions.Options;

namespace Masthead.Briefings.Subscribing;

/// <summary>Per-IP limit on signup POSTs, the site's forms and the embedded one alike: each accepted signup
/// can send one email, so this bounds how much mail one connection can make us send to strangers.</summary>
internal sealed class SubscribeRateLimit(IOptions<SubscribingOptions> options) : PostsPerIpLimit
{
    public const string Name = "briefings-subscribe";

    protected override int PermitLimit => options.Value.IpPermitLimit;
    protected override TimeSpan Window => options.Value.IpWindow;
    protected override (string Href, string Text) BackLink => ("/briefings/subscribe", "Back to the signup form");
}
