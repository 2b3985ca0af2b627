using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Billing;

/// <summary>The one EF mapping for money: amount as bigint minor units, currency as char(3).</summary>
internal static class MoneyMapping
{
    public static void MoneyColumns<T>(this EntityTypeBuilder<T> b, Expression<Func<T, long>> amount,
        Expression<Func<T, string>> currency) where T : class
    {
        b.Property(amount).HasColumnType("bigint");
        Currency(b, currency);
    }

    public static void Currency<T>(EntityTypeBuilder<T> b, Expression<Func<T, string>> currency) where T : class =>
        b.Property(currency).HasMaxLength(3).IsFixedLength().IsRequired();
}
