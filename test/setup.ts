// ink-testing-library drops frames when CI=true (Ink renders only the last frame in CI).
process.env.CI = 'false';
