namespace Loans.Api.AdminConsole;

/// <summary>The console's CSS, served from /admin/console.css so the pages need no inline style (strict CSP).</summary>
internal static class ConsoleStylesheet
{
    public const string Css = """
        :root { --fg: #1d2330; --muted: #5b6472; --line: #e3e6ec; --bg: #f6f7f9; --card: #fff; --accent: #2756c5; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
        header { display: flex; align-items: center; justify-content: space-between; padding: 14px 28px; background: var(--card); border-bottom: 1px solid var(--line); }
        header h1 { margin: 0; font-size: 20px; }
        main { padding: 20px 28px; max-width: 1200px; }
        main.narrow { max-width: 420px; margin: 60px auto; }
        h2 { font-size: 16px; margin: 28px 0 10px; }
        section.card, form.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px; }
        form.card { display: grid; gap: 12px; }
        label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--muted); }
        input, select, button { font: inherit; padding: 6px 10px; border: 1px solid #c9ced8; border-radius: 6px; background: #fff; color: var(--fg); }
        button { cursor: pointer; }
        button:hover { border-color: var(--accent); }
        button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
        table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
        th, td { text-align: left; padding: 10px 12px; border-bottom: 1px solid var(--line); vertical-align: middle; }
        thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); background: #fafbfc; }
        /* A 500-character word must wrap, not widen the page. */
        td, .flash, .legend dd { overflow-wrap: anywhere; }
        code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; }
        .badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-weight: 600; font-size: 13px; white-space: nowrap; }
        .badge.off { background: #eceef2; color: #4b5563; }
        .badge.on { background: #d8f3e1; color: #166534; }
        .badge.shadow { background: #ece4fb; color: #5b21b6; }
        .badge.percentage { background: #fdf0d5; color: #92400e; }
        form.change, form.create { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
        form.create { align-items: flex-end; gap: 12px; }
        form.create .grow { flex: 1; }
        form.change input[name=reason] { width: 12em; }
        form.change { flex-wrap: nowrap; }
        input.percent { width: 5.5em; }
        button.on { color: #166534; } button.off { color: #4b5563; } button.shadow { color: #5b21b6; } button.percentage { color: #92400e; }
        .sign-out { display: flex; gap: 10px; align-items: center; }
        .flash { padding: 10px 14px; border-radius: 6px; margin: 0 0 16px; }
        .flash.ok { background: #d8f3e1; color: #14532d; }
        .flash.error { background: #fde2e1; color: #7f1d1d; }
        .muted, .who, .time { color: var(--muted); }
        .transition { white-space: nowrap; }
        .legend dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 14px; margin: 0; }
        .legend dd { margin: 0; }
        header .title { display: flex; align-items: center; gap: 12px; }
        header nav a, main a { color: var(--accent); }
        .env { display: inline-block; padding: 2px 10px; border-radius: 6px; font-weight: 700; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
        .env.env-production { background: #8b1a1a; color: #fff; }
        .env.env-other { background: #e6effd; color: #1e3a8a; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .role { color: var(--muted); }
        .badge.archived { background: #eceef2; color: #374151; }
        .badge.stale { background: #fde2e1; color: #7f1d1d; }
        .description { display: block; font-size: 13px; color: var(--muted); font-weight: normal; }
        form.search { display: flex; gap: 8px; align-items: flex-end; margin: 0 0 12px; }
        .filters ul { display: flex; gap: 8px; list-style: none; padding: 0; margin: 0 0 14px; }
        .filters a { display: inline-block; padding: 4px 12px; border: 1px solid #c9ced8; border-radius: 999px; text-decoration: none; background: #fff; }
        .filters a[aria-current=page] { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
        button[aria-pressed=true] { background: var(--fg); border-color: var(--fg); color: #fff; font-weight: 600; }
        button.danger { color: #7f1d1d; border-color: #b91c1c; }
        dl.details { display: grid; grid-template-columns: max-content 1fr; gap: 6px 14px; margin: 0 0 14px; }
        dl.details dt { color: var(--muted); } dl.details dd { margin: 0; overflow-wrap: anywhere; }
        .pages { display: flex; gap: 14px; margin-top: 10px; }
        main.narrow-wide { max-width: 720px; }
        section.card + section, section + section.card { margin-top: 18px; }
        """;
}
