import { login } from './api.js';

const form = document.getElementById('login');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = document.getElementById('status');
  status.textContent = 'Logging in…';
  status.classList.remove('error');
  try {
    await login(document.getElementById('user').value.trim(), document.getElementById('password').value);
    const next = new URLSearchParams(location.search).get('next');
    // Only a page of this site: never a redirect elsewhere.
    location.replace(next && /^\/[a-z]+\.html$/.test(next) ? next : '/devices.html');
  } catch (e) {
    status.textContent = e.message;
    status.classList.add('error');
  }
});
