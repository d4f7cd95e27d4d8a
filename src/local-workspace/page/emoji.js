// The :shortcodes: perflab's messages use, and a few common ones. Unknown
// codes stay as typed, which is what Slack shows for an unknown emoji too.
export const EMOJI = {
  small_red_triangle: '🔺', new: '🆕', no_entry_sign: '🚫', see_no_evil: '🙈', hammer_and_wrench: '🛠️', zzz: '💤',
  white_check_mark: '✅', heavy_check_mark: '✔️', x: '❌', warning: '⚠️', rotating_light: '🚨',
  tada: '🎉', rocket: '🚀', fire: '🔥', zap: '⚡', snail: '🐌', turtle: '🐢', clap: '👏', '+1': '👍', thumbsup: '👍',
  '-1': '👎', eyes: '👀', mag: '🔍', hourglass: '⌛', hourglass_flowing_sand: '⏳', stopwatch: '⏱️', timer_clock: '⏲️',
  chart_with_upwards_trend: '📈', chart_with_downwards_trend: '📉', bar_chart: '📊', memo: '📝', bell: '🔔',
  no_bell: '🔕', lock: '🔒', wrench: '🔧', gear: '⚙️', bug: '🐛', repeat: '🔁', arrows_counterclockwise: '🔄',
  information_source: 'ℹ️', question: '❓', exclamation: '❗', red_circle: '🔴', large_green_circle: '🟢',
  large_yellow_circle: '🟡', large_blue_circle: '🔵', white_circle: '⚪', arrow_up: '⬆️', arrow_down: '⬇️',
  arrow_right: '➡️', link: '🔗', package: '📦', construction: '🚧', muscle: '💪', trophy: '🏆', sparkles: '✨',
  broom: '🧹', skull: '💀', boom: '💥', microscope: '🔬', test_tube: '🧪', clipboard: '📋', pushpin: '📌',
};

/** Replaces known :shortcodes: in plain text. */
export function withEmoji(text) {
  return text.replace(/:([a-z0-9_+-]+):/g, (code, name) => EMOJI[name] ?? code);
}
