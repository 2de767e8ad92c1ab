-- A session with `usfk-argmap lsp` in headless Neovim, as a user's editor drives it.
--
-- tests/test_client_neovim.py runs it:
--   nvim --headless -u NONE -i NONE -n -c "luafile tests/neovim/session.lua"
-- with USFK_NVIM_SESSION naming a JSON file: the server command, the map and its source
-- text, where to write the answers, and the positions each step asks about. The steps:
-- diagnostics, hover, definition, completion (with and without a typed prefix), outline, a
-- quick fix and a rename applied by Neovim, refused renames, the source text rewritten on
-- disk. Each answer is one JSON line {"step": ..., ...}; the test asserts them. Only APIs
-- Neovim 0.7 has are used (Debian 12 ships 0.7.2), and they still work on 0.10.

local plan = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv("USFK_NVIM_SESSION")), "\n"))
local out = assert(io.open(plan.output, "w"))
local TIMEOUT = plan.timeout_ms

local function answer(step, fields)
  fields.step = step
  out:write(vim.fn.json_encode(fields), "\n")
  out:flush()
end

-- What the server sent unasked: diagnostics per URI (in arrival order) and dynamic registrations.
local published = {}
local registrations = {}

local function on_publish(err, result, ctx, config)
  published[result.uri] = published[result.uri] or {}
  table.insert(published[result.uri], result.diagnostics)
  return vim.lsp.handlers["textDocument/publishDiagnostics"](err, result, ctx, config)
end

local function on_register(_, result, _)
  for _, registration in ipairs(result.registrations or {}) do
    table.insert(registrations, registration)
  end
  return vim.NIL
end

local function codes(diagnostics)
  local found = {}
  for _, diagnostic in ipairs(diagnostics) do
    table.insert(found, diagnostic.code)
  end
  return found
end

local function has_code(diagnostics, code)
  return vim.tbl_contains(codes(diagnostics), code)
end

-- The first diagnostics published for `uri` after the `seen`-th that satisfy `accept`.
local function next_diagnostics(uri, seen, accept)
  local found
  vim.wait(TIMEOUT, function()
    for index = seen + 1, #(published[uri] or {}) do
      if accept(published[uri][index]) then
        found = published[uri][index]
        return true
      end
    end
    return false
  end, 20)
  return found
end

local function count(uri)
  return #(published[uri] or {})
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT)
  if responses == nil then
    return nil, err
  end
  local _, response = next(responses)
  if response == nil then
    return nil, "no response"
  end
  return response.result, response.error
end

local function at(bufnr, position)
  return { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = position[1], character = position[2] } }
end

local function labels(result)
  local items = result and (result.items or result) or {}
  local found = {}
  for _, item in ipairs(items) do
    table.insert(found, item.label)
  end
  table.sort(found)
  return found
end

-- The diagnostics of the buffer's text as it is now, after an edit that Neovim may have sent as
-- several changes: the server answers in order, so once a request made after them is answered,
-- the last diagnostics published are those of the last change.
local function current_diagnostics(bufnr, uri, seen)
  request(bufnr, "textDocument/hover", at(bufnr, { 0, 0 }))
  next_diagnostics(uri, seen, function()
    return true
  end)
  return count(uri) > seen and published[uri][count(uri)] or nil
end

-- The words Neovim's completion menu (vim.lsp.omnifunc) shows for what the server answered,
-- once Neovim has filtered them by the text typed.
local function menu(result, typed)
  local words = {}
  for _, item in ipairs(vim.lsp.util.text_document_completion_list_to_complete_items(result or {}, typed)) do
    table.insert(words, item.word)
  end
  table.sort(words)
  return words
end

-- An outline as names, kinds and children only.
local function symbols(found)
  local outline = {}
  for _, symbol in ipairs(found) do
    table.insert(outline, { name = symbol.name, kind = symbol.kind, children = symbols(symbol.children or {}) })
  end
  return outline
end

-- Whether a file watcher the server registered reports changes to `path` (a glob pattern).
local function watched(path)
  for _, registration in ipairs(registrations) do
    if registration.method == "workspace/didChangeWatchedFiles" then
      for _, watcher in ipairs(registration.registerOptions.watchers) do
        local pattern = watcher.globPattern
        if type(pattern) == "string" and vim.fn.match(path, vim.fn.glob2regpat(pattern)) ~= -1 then
          return true
        end
      end
    end
  end
  return false
end

local function buffer_lines(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

local function session()
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  -- The script stands in for an editor's file watcher (Neovim 0.7 has none): it accepts the
  -- server's registration and sends workspace/didChangeWatchedFiles when it rewrites a file.
  capabilities.workspace.didChangeWatchedFiles = { dynamicRegistration = true }
  local client_id = vim.lsp.start_client({
    name = "usfk-argmap",
    cmd = plan.cmd,
    root_dir = plan.root,
    capabilities = capabilities,
    flags = { debounce_text_changes = 0 },
    handlers = { ["textDocument/publishDiagnostics"] = on_publish, ["client/registerCapability"] = on_register },
  })
  assert(client_id, "the server did not start")
  local client = vim.lsp.get_client_by_id(client_id)
  vim.wait(TIMEOUT, function()
    return client.initialized == true
  end, 20)
  answer("initialized", { initialized = client.initialized == true, offset_encoding = client.offset_encoding })

  vim.cmd("edit " .. vim.fn.fnameescape(plan.map))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- Diagnostics on opening: the server's and Neovim's own store of them (byte columns).
  local opened = next_diagnostics(uri, 0, function(diagnostics)
    return has_code(diagnostics, plan.unknown_code)
  end) or {}
  local stored = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(stored, { code = diagnostic.code, lnum = diagnostic.lnum, col = diagnostic.col, message = diagnostic.message })
  end
  answer("diagnostics", { uri = uri, published = opened, stored = stored })

  local hover, hover_error = request(bufnr, "textDocument/hover", at(bufnr, plan.hover))
  answer("hover", { result = hover, error = hover_error })

  local definition, definition_error = request(bufnr, "textDocument/definition", at(bufnr, plan.definition))
  answer("definition", { result = definition, error = definition_error })

  local ids, ids_error = request(bufnr, "textDocument/completion", at(bufnr, plan.completion))
  answer("completion", { labels = labels(ids), error = ids_error })

  local prefixed, prefixed_error = request(bufnr, "textDocument/completion", at(bufnr, plan.completion_prefix))
  answer("completion_prefix", { labels = labels(prefixed), menu = menu(prefixed, plan.typed), error = prefixed_error })

  local outline, outline_error = request(bufnr, "textDocument/documentSymbol", { textDocument = { uri = uri } })
  answer("outline", { symbols = outline and symbols(outline) or vim.NIL, error = outline_error })

  -- The quick fix: ask for the code actions of the diagnostics on the line, apply "did you mean".
  local on_line = {}
  for _, diagnostic in ipairs(opened) do
    if diagnostic.range.start.line == plan.fix_line then
      table.insert(on_line, diagnostic)
    end
  end
  local range = { start = { line = plan.fix_line, character = 0 }, ["end"] = { line = plan.fix_line + 1, character = 0 } }
  local actions, actions_error = request(bufnr, "textDocument/codeAction", {
    textDocument = { uri = uri },
    range = range,
    context = { diagnostics = on_line },
  })
  local titles, chosen = {}, nil
  for _, action in ipairs(actions or {}) do
    table.insert(titles, action.title)
    if action.isPreferred and chosen == nil then
      chosen = action
    end
  end
  local before_fix = count(uri)
  local applied = chosen and vim.deepcopy(chosen.edit) or vim.NIL
  if chosen ~= nil then
    vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  end
  local after_fix = current_diagnostics(bufnr, uri, before_fix)
  answer("quick_fix", {
    titles = titles,
    error = actions_error,
    applied = applied,
    line = buffer_lines(bufnr)[plan.fix_line + 1],
    codes_after = after_fix and codes(after_fix) or vim.NIL,
  })

  -- Rename the thesis, and apply the edit.
  local rename, rename_error = request(bufnr, "textDocument/rename", vim.tbl_extend("force", at(bufnr, plan.rename), { newName = plan.new_name }))
  local before_rename = count(uri)
  local renamed = vim.deepcopy(rename)
  if rename ~= nil then
    vim.lsp.util.apply_workspace_edit(rename, client.offset_encoding)
  end
  local after_rename = current_diagnostics(bufnr, uri, before_rename)
  answer("rename", {
    result = renamed,
    error = rename_error,
    lines = buffer_lines(bufnr),
    codes_after = after_rename and codes(after_rename) or vim.NIL,
  })

  -- A rename to an id that is taken, or that is no id, is refused: nothing to apply.
  for _, new_name in ipairs(plan.refused_names) do
    local params = vim.tbl_extend("force", at(bufnr, plan.rename), { newName = new_name })
    local refused, refused_error = request(bufnr, "textDocument/rename", params)
    answer("rename_refused", { new_name = new_name, result = refused or vim.NIL, error = refused_error or vim.NIL })
  end

  -- The source text changes on disk: the script reports it as the watcher the server registered
  -- would (only for a file a registered pattern matches), and the map is checked again.
  answer("registrations", { registrations = registrations })
  local before_source = count(uri)
  vim.fn.writefile(vim.split(plan.new_source, "\n", { plain = true }), plan.source, "b")
  if watched(plan.source) then
    client.notify("workspace/didChangeWatchedFiles", { changes = { { uri = vim.uri_from_fname(plan.source), type = 2 } } })
  end
  local rechecked = next_diagnostics(uri, before_source, function(diagnostics)
    return has_code(diagnostics, plan.missing_code)
  end)
  answer("source_changed", { published = rechecked or vim.NIL })

  vim.lsp.stop_client(client_id)
  vim.wait(TIMEOUT, function()
    return client.is_stopped()
  end, 20)
  answer("stopped", { stopped = client.is_stopped() })
end

local ok, failure = xpcall(session, debug.traceback)
if not ok then
  answer("failed", { error = tostring(failure) })
end
out:close()
vim.cmd(ok and "qall!" or "cquit! 1")
