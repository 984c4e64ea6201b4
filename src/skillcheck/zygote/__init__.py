"""The zygote: a warm process that `skillcheck serve` forks each candidate's session from.

Started by the server as a process of its own (`python -m skillcheck.zygote`), before
the host key is loaded and with an environment built from scratch, so it never holds
a secret, a connection or a candidate's data. It imports the app, loads the bank and
warms up once; each session is then a fork of it that becomes the candidate's process
(`skillcheck.ssh.session_process`). The SSH server talks to it only through a socket
pair (`skillcheck.ssh.zygote_protocol`) and never imports this package, which imports
the app. See docs/performance.md for why a fork server, and README.md for the security
argument.
"""
