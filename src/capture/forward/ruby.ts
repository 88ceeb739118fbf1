import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROXY_ENV } from '../run/frames.js';

/**
 * Ruby's helper, loaded by `RUBYOPT=-r<file>`. URI::Generic#find_proxy (net/http, open-uri, and
 * so Faraday, HTTParty…) resolves the host and returns no proxy for 127.x and ::1 before it even
 * reads NO_PROXY, so a local dev API (`http://127.0.0.1:8080`, `http://localhost:3000`) would not
 * be seen. This keeps the run's proxy for such a host, only when: find_proxy found none, the
 * host resolves to the loopback, the proxy variable for the scheme names the run's own proxy
 * (`WHY401_RUN_PROXY`), the user's NO_PROXY does not name the host (by name, then by address, as
 * find_proxy reads it), and the host is not the run's proxy itself (it would be sent to itself).
 *
 * The module is prepended to URI::Generic once that class exists: at once if `uri` is already
 * loaded, else when the class is first opened (a :class TracePoint, then disabled), so `uri` is
 * never loaded early (a Gemfile may pin another version of it). CRuby only; nothing here may
 * break the app: every step is guarded, and it prints nothing.
 */
export const RUBY_LOOPBACK = `# frozen_string_literal: true
# why401 run: keeps the run's proxy for loopback hosts in URI#find_proxy; removed when the run ends.
module Why401Loopback
  def find_proxy(env = ENV)
    found = super
    return found unless found.nil?
    begin
      Why401Loopback.run_proxy_for(self, env)
    rescue StandardError
      nil
    end
  end

  def self.run_proxy_for(uri, env)
    run = ENV[${JSON.stringify(PROXY_ENV)}]
    host = uri.hostname
    return nil if run.nil? || run.empty? || host.nil? || host.empty?
    return nil if "#{host}:#{uri.port}" == run
    name = "#{uri.scheme.downcase}_proxy"
    value = env[name] || env[name.upcase]
    return nil if value.nil? || value.empty?
    proxy = URI.parse(value)
    return nil unless "#{proxy.hostname}:#{proxy.port}" == run
    no_proxy = env['no_proxy'] || env['NO_PROXY']
    # By name first: a host the user excluded is not resolved again.
    return nil if no_proxy && !URI::Generic.use_proxy?(host, nil, uri.port, no_proxy)
    addr = IPSocket.getaddress(host)
    return nil unless /\\A127\\.|\\A::1\\z/.match?(addr)
    return nil if "#{addr}:#{uri.port}" == run
    return nil if no_proxy && !URI::Generic.use_proxy?(host, addr, uri.port, no_proxy)
    proxy
  end
end

begin
  if RUBY_ENGINE == 'ruby'
    if defined?(URI::Generic)
      URI::Generic.prepend(Why401Loopback)
    else
      TracePoint.new(:class) do |tp|
        begin
          if defined?(URI::Generic) && tp.self.equal?(URI::Generic)
            tp.disable
            URI::Generic.prepend(Why401Loopback)
          end
        rescue StandardError
          nil
        end
      end.enable
    end
  end
rescue StandardError
  nil
end
`;

/** Writes the helper into the run's private folder; its path, or none when RUBYOPT could not hold it. */
export function writeRubyHelper(dir: string): string | undefined {
  // RUBYOPT is split on spaces: a path with one would load something else, or fail to start.
  if (/\s/.test(dir)) return undefined;
  const file = join(dir, 'why401_loopback.rb');
  writeFileSync(file, RUBY_LOOPBACK, { mode: 0o600 });
  return file;
}

/** RUBYOPT with the helper required after the user's own switches (bundler/setup included). */
export function rubyOptWith(helper: string, before: string | undefined): string {
  const user = before?.trim() ?? '';
  return user ? `${user} -r${helper}` : `-r${helper}`;
}
