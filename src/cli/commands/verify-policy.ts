/** The example policy `verify` decides with (the seed's policies.yaml, plus a namespace). */
export const EXAMPLE_POLICY = `version: "1"
defaults:
  effect: deny

principals:
  admin:
    roles: [admin]
    tools:
      - pattern: "*"
        actions: [read, execute]
  developer:
    roles: [dev]
    tools:
      - pattern: "db:read"
        actions: [execute]
      - pattern: "fs:*"
        actions: [read]
      - pattern: "git:*"
        actions: [read, execute]
      - pattern: "echo"
        actions: [read, execute]
      - pattern: "add"
        actions: [read, execute]
  readonly:
    roles: [observer]
    tools:
      - pattern: "*"
        actions: [read]
`;

/** A policy with a mistake on line 4, which must be reported with its line. */
export const BROKEN_POLICY = `version: "1"
principals:
  dev:
    tool:
      - pattern: "*"
`;
