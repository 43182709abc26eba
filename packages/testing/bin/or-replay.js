#!/usr/bin/env node
import "../dist/cli/or-replay.js";
