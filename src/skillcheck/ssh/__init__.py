"""The SSH front door. Never imports `skillcheck.ui`: each session runs `skillcheck` in a pty."""
