using Masthead.Delivery;
using Masthead.Site;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Masthead.Accounts;

/// <summary>Account creation shared by sign-up, magic links and the CLI.</summary>
public sealed class UserAccounts(UserManager<User> users, TimeProvider time, Mailer mailer, IOptions<SiteOptions> site)
{
    public Task<User?> FindAsync(string email) => users.FindByEmailAsync(email);

    /// <summary>Creates a reader account. A password, when given, must pass Identity's rules.</summary>
    public async Task<(User? User, IdentityResult Result)> CreateAsync(string email, string? name, string? password,
        bool emailConfirmed, DateTime? createdAt = null)
    {
        var user = new User
        {
            UserName = email,
            Email = email,
            EmailConfirmed = emailConfirmed,
            DisplayName = PersonNames.Clean(name),
            CreatedAt = createdAt ?? time.GetUtcNow().UtcDateTime,
        };
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded) return (null, result);
        var role = await users.AddToRoleAsync(user, Roles.Reader);
        return role.Succeeded ? (user, role) : (null, role);
    }

    /// <summary>The account a magic link signs in: created if missing, confirmed by the click.</summary>
    public async Task<User> SignInByLinkAsync(MagicLinkGrant grant)
    {
        var user = await users.FindByEmailAsync(grant.Email);
        if (user is null)
        {
            (user, var result) = await CreateAsync(grant.Email, null, null, emailConfirmed: true);
            // Another link for the same new address may have created it a moment ago.
            user ??= await users.FindByEmailAsync(grant.Email)
                ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            await WelcomeAsync(user);
        }
        if (!user.EmailConfirmed)
        {
            // A password set by an unconfirmed sign-up was chosen by whoever typed this address,
            // not necessarily its owner. Keep it only when this link is the one that sign-up sent
            // (same instant as the account); otherwise drop it, so nobody can pre-register a
            // victim's address with a password and wait for them to confirm it.
            if (await users.HasPasswordAsync(user) && grant.CreatedAt != user.CreatedAt)
            {
                await users.RemovePasswordAsync(user);
            }
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
            await WelcomeAsync(user);
        }
        return user;
    }

    /// <summary>Once per account (the message key), however many links race to confirm it.</summary>
    private Task WelcomeAsync(User user) => mailer.SendAsync(AccountWelcomeEmail.Build(user, site.Value), CancellationToken.None);
}
