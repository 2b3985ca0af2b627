namespace Masthead.Briefings.Templates;

/// <summary>The built-in templates, used when a list leaves its own empty. Mail clients strip
/// stylesheets and many block images, so: one table column at most 600px wide, inline styles only,
/// nothing that matters inside an image, colours that stay readable when a client inverts them for
/// dark mode. Personal fields appear only as plain {{ subscriber.x }} / {{ links.x }} outputs so the
/// renderer can precompute everything else once per edition.</summary>
internal static class DefaultTemplates
{
    public const string Subject = "{{ edition.subject }}";

    public const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <meta name="supported-color-schemes" content="light dark">
        <title>{{ edition.subject }}</title>
        </head>
        <body style="margin:0;padding:0;background-color:#f3f1ec;color:#1d1d1b;">
        <span style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;">{{ edition.preheader }}</span>
        <table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background-color:#f3f1ec;">
        <tr><td align="center" style="padding:16px 8px;">
        <table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="max-width:600px;background-color:#ffffff;border:1px solid #d8d4cc;">
        <tr><td style="padding:24px 24px 8px 24px;font-family:Georgia,'Times New Roman',serif;">
        <p style="margin:0;font-size:14px;letter-spacing:1px;text-transform:uppercase;color:#7a2e0e;">{{ site.name }}</p>
        <h1 style="margin:4px 0 0 0;font-size:26px;line-height:1.25;color:#1d1d1b;">{{ list.name }}</h1>
        <p style="margin:4px 0 0 0;font-size:14px;color:#55524c;">{{ edition.date }}</p>
        </td></tr>
        <tr><td style="padding:8px 24px 0 24px;font-family:Georgia,'Times New Roman',serif;font-size:17px;line-height:1.5;color:#1d1d1b;">
        <p style="margin:8px 0;">{{ subscriber.greeting }}</p>
        {{ edition.intro_html }}
        </td></tr>
        {% for item in items %}
        <tr><td style="padding:16px 24px;border-top:1px solid #e4e0d8;font-family:Georgia,'Times New Roman',serif;">
        <p style="margin:0;font-size:13px;text-transform:uppercase;letter-spacing:1px;color:#55524c;">{% if item.is_teaser %}<strong style="color:#7a2e0e;">PRO</strong> · {% endif %}{{ item.section }}</p>
        <h2 style="margin:4px 0;font-size:20px;line-height:1.3;"><a href="{{ item.url }}" style="color:#0b4f8a;text-decoration:underline;">{{ item.title }}</a></h2>
        {% if item.dek != "" %}<p style="margin:4px 0;font-size:16px;line-height:1.45;color:#1d1d1b;">{{ item.dek }}</p>{% endif %}
        {% if item.excerpt != "" %}<p style="margin:4px 0;font-size:15px;line-height:1.45;color:#3a3833;">{{ item.excerpt }}</p>{% endif %}
        {% if item.authors != "" %}<p style="margin:4px 0 0 0;font-size:13px;color:#55524c;">By {{ item.authors }}</p>{% endif %}
        {% if item.is_teaser %}<p style="margin:6px 0 0 0;font-size:14px;"><a href="{{ item.url }}" style="color:#0b4f8a;">Read it with PRO</a></p>{% endif %}
        </td></tr>
        {% endfor %}
        <tr><td style="padding:20px 24px;border-top:1px solid #d8d4cc;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:1.5;color:#55524c;">
        <p style="margin:0 0 8px 0;">You receive {{ list.name }} because {{ subscriber.email }} subscribed to it at {{ site.name }}.</p>
        <p style="margin:0 0 8px 0;"><a href="{{ links.preferences }}" style="color:#0b4f8a;">Manage your briefings</a> · <a href="{{ links.unsubscribe }}" style="color:#0b4f8a;">Unsubscribe from {{ list.name }}</a> · <a href="{{ links.unsubscribe_all }}" style="color:#0b4f8a;">Unsubscribe from everything</a></p>
        <p style="margin:0;">{{ site.name }} · {{ site.url }}</p>
        </td></tr>
        </table>
        </td></tr>
        </table>
        </body>
        </html>
        """;

    public const string Text = """
        {{ site.name }} · {{ list.name }}
        {{ edition.date }}

        {{ subscriber.greeting }}

        {{ edition.intro_text }}
        {% for item in items %}
        ----------------------------------------
        {% if item.is_teaser %}[PRO] {% endif %}{{ item.section }}
        {{ item.title }}
        {% if item.dek != "" %}{{ item.dek }}
        {% endif %}{% if item.excerpt != "" %}{{ item.excerpt }}
        {% endif %}{% if item.authors != "" %}By {{ item.authors }}
        {% endif %}{{ item.url }}
        {% endfor %}
        ----------------------------------------
        You receive {{ list.name }} because {{ subscriber.email }} subscribed to it at {{ site.name }}.
        Manage your briefings: {{ links.preferences }}
        Unsubscribe from {{ list.name }}: {{ links.unsubscribe }}
        Unsubscribe from everything: {{ links.unsubscribe_all }}
        {{ site.name }} · {{ site.url }}
        """;
}
