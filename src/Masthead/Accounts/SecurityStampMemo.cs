using Masthead.Data;

namespace Masthead.Accounts;

/// <summary>"Stamp S of user U is current", remembered for a minute, so checking a session's security stamp on
/// every request (<see cref="SecurityStampCheck"/>) asks the database only when this process does not already know
/// the answer. Forgotten the moment this process saves the user (<see cref="SecurityStampChangeInterceptor"/>:
/// sign-out and password changes renew the stamp through EF Core); the lifetime bounds how long another instance
/// can still accept a session that was ended elsewhere.</summary>
public sealed class SecurityStampMemo(TimeProvider time) : UserMemo<string>(time, Lifetime)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public bool IsCurrent(string userId, string stamp) =>
        TryGet(userId, out var known) && string.Equals(known, stamp, StringComparison.Ordinal);
}

internal sealed class SecurityStampChangeInterceptor(SecurityStampMemo memo)
    : ForgetOnSaveInterceptor<User>(memo.Forget, user => user.Id);
