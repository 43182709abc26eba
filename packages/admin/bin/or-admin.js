#!/usr/bin/env node
import "../dist/cli/or-admin.js";
